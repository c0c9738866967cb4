import { Injectable } from '@nestjs/common';
import type { Language, Tx } from '@enlace/core';
import { EmailRenderer, networkIdsOf } from '../rendering/email-renderer';
import { NotificationSubjects } from '../rendering/notification-subjects';
import { EmailQueueRepository, OutboxBacklog } from './email-queue.repository';
import { emailSubjects } from './email-subjects';

export type { OutboxBacklog };

/**
 * An e-mail for the outbox. The delivery worker renders `<namespace>:emails.<template>.subject` and
 * `.body` in `language` with `params` (identity's templates: `invitation` → link, networkName,
 * role, memberState?, inviterName, expiresAt; `passwordReset` → link, name, expiresAt, in ISO 8601
 * UTC, formatted by the worker for the recipient).
 */
export interface OutgoingEmail {
  readonly recipient: string;
  /** The language the worker renders the email in (the recipient's, as far as it is known). */
  readonly language: Language;
  readonly template: string;
  readonly params: Record<string, string | number>;
  /**
   * The params that carry a credential (identity's `link`, whose token signs someone in): kept in the
   * row only while delivery needs them — removed once the e-mail is sent or given up, or at
   * `secretExpiresAt` — and never written to the log.
   */
  readonly secretParams?: readonly string[];
  /** When the credential stops working: an e-mail not sent by then is given up. */
  readonly secretExpiresAt?: Date;
}

/**
 * The one way into the e-mail outbox for other contexts: e-mails are written in the transaction of
 * the change that causes them (`tx`) and sent by the worker after the commit, never inline.
 */
/** An e-mail of the outbox as `npm run outbox` prints it: rendered, links included while the row has them. */
export interface OutboxEmailCopy {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly status: 'pending' | 'sent' | 'failed';
}

@Injectable()
export class EmailOutboxService {
  constructor(
    private readonly queue: EmailQueueRepository,
    private readonly renderer: EmailRenderer,
    private readonly subjects: NotificationSubjects,
  ) {}

  /**
   * The `count` newest e-mails, rendered in their language for an operator who has no SMTP server
   * yet (`npm run outbox`): a link is there until the e-mail is sent, given up or its token expires.
   */
  async latest(count: number): Promise<OutboxEmailCopy[]> {
    const rows = await this.queue.latest(count);
    const ids = [...new Set(rows.flatMap((row) => networkIdsOf(row.params)))];
    const networkNames = ids.length > 0 ? await this.queue.networkNames(ids) : undefined;
    const subjects = await emailSubjects(this.queue, this.subjects, rows);
    return rows.map((row) => {
      const { subject, text } = this.renderer.render({ ...row, networkNames, subjects });
      const status = row.sentAt ? 'sent' : row.failedAt ? 'failed' : 'pending';
      return { id: row.id, to: row.recipient, subject, text, createdAt: row.createdAt, status };
    });
  }

  enqueue(tx: Tx, email: OutgoingEmail): Promise<string> {
    return this.queue.enqueue(tx, email);
  }

  /** What waits for delivery (the metrics' outbox backlog): how many e-mails, and the oldest one's age. */
  backlog(): Promise<OutboxBacklog> {
    return this.queue.backlog();
  }
}
