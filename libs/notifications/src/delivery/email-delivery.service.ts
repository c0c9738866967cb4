import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '@enlace/core';
import { ClaimedEmail, EmailQueueRepository } from '../outbox/email-queue.repository';
import {
  EmailRenderer,
  EmailRenderError,
  EmailToRender,
  networkIdsOf,
  RenderedEmail,
} from '../rendering/email-renderer';
import { emailSubjects } from '../outbox/email-subjects';
import { NotificationSubjects } from '../rendering/notification-subjects';
import { mailFolder, writeMailCopy } from './mail-folder';
import { isDeliverableAddress, SendFailure, SmtpMailer } from './smtp-mailer';

export interface DeliveryCounts {
  sent: number;
  failed: number;
  deferred: number;
  logged: number;
}

/** Attempts after which a message the server keeps refusing for now (4xx) is given up as failed. */
export const MAX_TEMPORARY_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;
const BATCH_SIZE = 20;

/** An e-mail as the log may show it: each secret param replaced by where to read it. */
function withheld(email: ClaimedEmail): ClaimedEmail {
  if (!email.secretParams?.length) return email;
  const params = { ...email.params };
  for (const key of email.secretParams) {
    if (key in params) params[key] = `[${key} withheld from the log: email_outbox.params of ${email.id}]`;
  }
  return { ...email, params };
}

/** 30 s, 1 min, 2 min, ... capped at one hour. */
export function backoffMs(previousAttempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(previousAttempts, 20), BACKOFF_MAX_MS);
}

/**
 * Delivers the email outbox. Each batch is claimed with a lease and a stored Message-ID; each
 * message is sent and then marked sent, one at a time, so a process killed at any point loses
 * nothing (its claimed rows come back when the lease runs out) and resends at most the one message
 * that was in flight, with the same Message-ID. Without `SMTP_URL` the emails stay in the outbox and
 * each is written to the log once, without its secret params (links with a token); with the embedded
 * database, a copy with its links is also kept in `DATA_DIR/mail` (`npm run outbox`). Secret params
 * leave the row once the e-mail is sent or given up, or when they expire.
 */
@Injectable()
export class EmailDeliveryService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EmailDelivery');
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private stopping = false;
  private readonly messageIdDomain: string;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly queue: EmailQueueRepository,
    private readonly renderer: EmailRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly subjects: NotificationSubjects,
  ) {
    this.messageIdDomain = new URL(config.publicUrl).hostname || 'localhost';
  }

  /** Stops claiming, lets the message in hand finish and gives back the rest of the batch. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  /**
   * Renders an outbox row as it is sent: subject, text and HTML in its language, with the names of
   * the networks it mentions and the subjects of its notifications (a meeting's title and time) as
   * they are now, in that language and the reader's zone.
   */
  async render(email: EmailToRender): Promise<RenderedEmail> {
    const ids = networkIdsOf(email.params);
    const networkNames = ids.length > 0 ? await this.queue.networkNames(ids) : undefined;
    const subjects = await emailSubjects(this.queue, this.subjects, [email]);
    return this.renderer.render({ ...email, networkNames, subjects });
  }

  /** Delivers what is due, batch after batch, until nothing is due or the process stops. */
  async deliverDue(options: { maxBatches?: number } = {}): Promise<DeliveryCounts> {
    const run = this.deliver(options);
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async deliver(options: { maxBatches?: number }): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, failed: 0, deferred: 0, logged: 0 };
    // Credentials past their expiry leave the outbox (an unsent e-mail with a dead link is given up).
    counts.failed += await this.queue.scrubExpiredSecrets();
    if (!this.config.smtpUrl) {
      counts.logged = await this.logPending();
      return counts;
    }
    const leaseMs = this.config.emailLeaseSeconds * 1000;
    for (let batch = 0; batch < (options.maxBatches ?? 50) && !this.stopping; batch += 1) {
      const claimed = await this.queue.claim(this.owner, BATCH_SIZE, leaseMs, this.messageIdDomain);
      if (claimed.length === 0) break;
      const stop = await this.deliverBatch(claimed, leaseMs, counts);
      if (stop) break;
    }
    return counts;
  }

  /** Returns true when delivery should pause (the server is unreachable). */
  private async deliverBatch(claimed: ClaimedEmail[], leaseMs: number, counts: DeliveryCounts): Promise<boolean> {
    const mailer = new SmtpMailer(this.config.smtpUrl as string, Math.max(1000, Math.floor(leaseMs / 5)));
    try {
      for (let i = 0; i < claimed.length; i += 1) {
        const email = claimed[i];
        if (this.stopping) {
          await this.queue.release(
            this.owner,
            claimed.slice(i).map((e) => e.id),
          );
          return true;
        }
        if (i > 0) {
          await this.queue.extendLease(
            this.owner,
            claimed.slice(i).map((e) => e.id),
            leaseMs,
          );
        }
        const { outcome, unreachable } = await this.deliverOne(mailer, email);
        counts[outcome] += 1;
        if (unreachable) {
          // The server is gone: the rest of the batch waits as long as this message, not attempted.
          for (const rest of claimed.slice(i + 1)) {
            await this.queue.reschedule(rest.id, unreachable, backoffMs(email.attempts), false);
            counts.deferred += 1;
          }
          return true;
        }
      }
      return false;
    } finally {
      mailer.close();
    }
  }

  private async deliverOne(
    mailer: SmtpMailer,
    email: ClaimedEmail,
  ): Promise<{ outcome: 'sent' | 'failed' | 'deferred'; unreachable?: string }> {
    if (!isDeliverableAddress(email.recipient)) {
      await this.queue.markFailed(email.id, `invalid recipient address`);
      this.logger.warn(`email ${email.id} failed: invalid recipient address`);
      return { outcome: 'failed' };
    }
    let rendered;
    try {
      rendered = await this.render(email);
    } catch (error) {
      if (!(error instanceof EmailRenderError)) throw error;
      await this.queue.markFailed(email.id, error.message);
      this.logger.error(`email ${email.id} failed: ${error.message}`);
      return { outcome: 'failed' };
    }
    try {
      await mailer.send({
        from: this.config.emailFrom,
        to: email.recipient,
        messageId: email.messageId,
        language: email.language,
        ...rendered,
      });
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure('UNREACHABLE', String(error));
      if (
        failure.kind === 'PERMANENT' ||
        (failure.kind === 'TEMPORARY' && email.attempts + 1 >= MAX_TEMPORARY_ATTEMPTS)
      ) {
        await this.queue.markFailed(email.id, failure.message);
        this.logger.warn(`email ${email.id} failed: ${failure.message}`);
        return { outcome: 'failed' };
      }
      await this.queue.reschedule(email.id, failure.message, backoffMs(email.attempts));
      this.logger.warn(`email ${email.id} deferred: ${failure.message}`);
      return { outcome: 'deferred', unreachable: failure.kind === 'UNREACHABLE' ? failure.message : undefined };
    }
    await this.queue.markSent(email.id);
    return { outcome: 'sent' };
  }

  private async keepCopy(email: ClaimedEmail): Promise<void> {
    try {
      const { subject, text } = await this.render(email);
      writeMailCopy(this.config.dataDir, { id: email.id, to: email.recipient, subject, text });
    } catch (error) {
      this.logger.warn(`email ${email.id} could not be copied to ${mailFolder(this.config.dataDir)}: ${String(error)}`);
    }
  }

  private async logPending(): Promise<number> {
    let logged = 0;
    while (!this.stopping) {
      const rows = await this.queue.claimUnlogged(BATCH_SIZE);
      if (rows.length === 0) return logged;
      for (const email of rows) {
        try {
          // The log never shows a credential: the operator reads a pending link from the row (README).
          const { subject, text } = await this.render(withheld(email));
          this.logger.log(
            `email kept in the outbox (no SMTP_URL): ${JSON.stringify({ id: email.id, to: email.recipient, subject, text })}`,
          );
          // Embedded (one machine): a copy with its links beside the database, for `npm run outbox`.
          if (!this.config.databaseUrl) await this.keepCopy(email);
        } catch (error) {
          this.logger.error(`email ${email.id} cannot be rendered: ${String(error)}`);
        }
        logged += 1;
      }
    }
    return logged;
  }
}
