import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language, TranslatableText, Tx } from '@enlace/core';

export interface QueuedEmail {
  readonly recipient: string;
  readonly language: Language;
  readonly template: string;
  readonly params: Record<string, unknown>;
  /** The params that carry a credential (a link with a token): kept only while delivery needs them. */
  readonly secretParams?: readonly string[];
  /** When that credential stops working: an e-mail unsent by then is given up, its secrets scrubbed. */
  readonly secretExpiresAt?: Date;
}

/** An outbox row claimed for delivery by one worker. */
export interface ClaimedEmail {
  readonly id: string;
  readonly recipient: string;
  readonly language: Language;
  readonly template: string;
  readonly params: Record<string, unknown>;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** Stored before the first send; every resend carries the same one. */
  readonly messageId: string;
  /** The params that carry a credential (never logged), null when none. */
  readonly secretParams: readonly string[] | null;
}

export interface OutboxRow {
  readonly id: string;
  readonly recipient: string;
  readonly template: string;
  readonly attempts: number;
  readonly messageId: string | null;
  readonly sentAt: Date | null;
  readonly failedAt: Date | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date;
}

const PENDING = `sent_at IS NULL AND failed_at IS NULL`;
/** Once an e-mail is sent or given up, the params that carry a credential are removed from the row. */
const SCRUB = `params = params - COALESCE(secret_params, '{}'::text[]), secret_params = NULL`;
/** Why an e-mail whose credential expired before it could be sent was given up. */
export interface OutboxBacklog {
  readonly pending: number;
  readonly oldestSeconds: number;
}

export const SECRET_EXPIRED = 'link expired before delivery';
const CLAIMED_COLUMNS = `o.id, o.recipient::text AS recipient, o.language, o.template, o.params, o.attempts,
  o.message_id AS "messageId", o.secret_params AS "secretParams", o.created_at AS "createdAt"`;

type ClaimedRow = ClaimedEmail & { createdAt: Date };

/** RETURNING has no order: oldest first, as claimed. */
const oldestFirst = (rows: ClaimedRow[]): ClaimedEmail[] =>
  [...rows]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map(({ createdAt: _createdAt, ...row }) => row);

/**
 * The one repository of `email_outbox`: `enqueue` writes rows in the transaction of the change
 * that causes them (other contexts through `EmailOutboxService`). A worker claims rows with
 * `FOR UPDATE SKIP LOCKED` and a lease (`claimed_until`): workers never claim the same row, and the
 * rows of a worker that died come back when the lease runs out.
 */
@Injectable()
export class EmailQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Many e-mails without secrets in one statement (the notifications of a bulk change). */
  async enqueueMany(tx: Tx, emails: readonly Omit<QueuedEmail, 'secretParams' | 'secretExpiresAt'>[]): Promise<void> {
    if (emails.length === 0) return;
    await tx.query(
      `INSERT INTO email_outbox (recipient, language, template, params)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        emails.map((e) => e.recipient),
        emails.map((e) => e.language),
        emails.map((e) => e.template),
        emails.map((e) => JSON.stringify(e.params)),
      ],
    );
  }

  async enqueue(tx: Tx, email: QueuedEmail): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO email_outbox (recipient, language, template, params, secret_params, secret_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        email.recipient,
        email.language,
        email.template,
        JSON.stringify(email.params),
        email.secretParams?.length ? [...email.secretParams] : null,
        email.secretParams?.length ? (email.secretExpiresAt ?? null) : null,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /**
   * Claims up to `limit` due rows for `leaseMs`, oldest first, and gives each a Message-ID if it has
   * none yet, in one committed statement: the Message-ID is stored before anything is sent.
   */
  async claim(owner: string, limit: number, leaseMs: number, messageIdDomain: string): Promise<ClaimedEmail[]> {
    const rows = (await this.dataSource.query(
      `UPDATE email_outbox o
          SET claimed_by = $1, claimed_until = now() + $3::int * interval '1 millisecond',
              message_id = COALESCE(o.message_id, '<' || gen_random_uuid() || '@' || $4 || '>')
        WHERE o.id IN (
          SELECT id FROM email_outbox
           WHERE ${PENDING} AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY next_attempt_at, created_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      [owner, limit, leaseMs, messageIdDomain],
    )) as [ClaimedRow[], number];
    return oldestFirst(rows[0]);
  }

  /** Extends this worker's lease on rows it still holds (before each send of a long batch). */
  async extendLease(owner: string, ids: readonly string[], leaseMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET claimed_until = now() + $3::int * interval '1 millisecond'
        WHERE id = ANY($2::uuid[]) AND claimed_by = $1 AND ${PENDING}`,
      [owner, ids, leaseMs],
    );
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,
              claimed_by = NULL, claimed_until = NULL, ${SCRUB}
        WHERE id = $1 AND sent_at IS NULL`,
      [id],
    );
  }

  /** A permanent failure (invalid address, rejected by the server): never retried. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2,
              claimed_by = NULL, claimed_until = NULL, ${SCRUB}
        WHERE id = $1 AND ${PENDING}`,
      [id, error.slice(0, 2000)],
    );
  }

  /** A temporary failure: stays queued, with the error, until `delayMs` from now. */
  async reschedule(id: string, error: string, delayMs: number, countAttempt = true): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET next_attempt_at = now() + $3::int * interval '1 millisecond',
              attempts = attempts + $4::int, last_error = $2, claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND ${PENDING}`,
      [id, error.slice(0, 2000), delayMs, countAttempt ? 1 : 0],
    );
  }

  /**
   * Rows whose credential expired (and that no worker is sending right now): their secret params are
   * scrubbed, and a row still unsent is given up, since its link no longer works. Returns how many
   * unsent rows were given up.
   */
  /** The names of these networks now (every translation), for rendering e-mails in their readers' languages. */
  async networkNames(ids: readonly string[]): Promise<Map<string, TranslatableText>> {
    const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (valid.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM network WHERE id = ANY($1::uuid[])`, [valid])) as {
      id: string;
      name: TranslatableText;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** What these notifications are about, and their readers' chosen time zones now, for rendering their e-mails. */
  async notificationSubjects(
    ids: readonly string[],
  ): Promise<Map<string, { subjectType: string; subjectId: string; personId: string; timeZone: string | null }>> {
    const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (valid.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.subject_type AS "subjectType", n.subject_id AS "subjectId", n.person_id AS "personId",
              p.time_zone AS "timeZone"
         FROM notification n JOIN person p ON p.id = n.person_id WHERE n.id = ANY($1::uuid[])`,
      [valid],
    )) as { id: string; subjectType: string; subjectId: string; personId: string; timeZone: string | null }[];
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }

  async scrubExpiredSecrets(): Promise<number> {
    const result = (await this.dataSource.query(
      `WITH due AS (
         SELECT id, (${PENDING}) AS unsent FROM email_outbox
          WHERE secret_params IS NOT NULL AND secret_expires_at <= now()
            AND (claimed_until IS NULL OR claimed_until < now())
          FOR UPDATE SKIP LOCKED)
       UPDATE email_outbox o
          SET ${SCRUB},
              failed_at = CASE WHEN due.unsent THEN now() ELSE o.failed_at END,
              last_error = CASE WHEN due.unsent THEN $1 ELSE o.last_error END
         FROM due
        WHERE o.id = due.id
        RETURNING due.unsent`,
      [SECRET_EXPIRED],
    )) as unknown[];
    // TypeORM answers an UPDATE with [rows, count]; keep to the rows whichever shape the driver gives.
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { unsent: boolean }[];
    return rows.filter((r) => r.unsent).length;
  }

  /** Gives back rows this worker claimed but did not try (shutdown, or the server went away). */
  async release(owner: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE email_outbox SET claimed_by = NULL, claimed_until = NULL
        WHERE id = ANY($2::uuid[]) AND claimed_by = $1 AND ${PENDING}`,
      [owner, ids],
    );
  }

  /** Without SMTP: marks up to `limit` pending rows as logged (each is logged once) and returns them. */
  async claimUnlogged(limit: number): Promise<ClaimedEmail[]> {
    const rows = (await this.dataSource.query(
      `UPDATE email_outbox o SET logged_at = now()
        WHERE o.id IN (
          SELECT id FROM email_outbox WHERE ${PENDING} AND logged_at IS NULL
           ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      [limit],
    )) as [ClaimedRow[], number];
    return oldestFirst(rows[0]);
  }

  /** The `count` newest e-mails, newest first, with whether each was sent or given up. */
  async latest(count: number): Promise<Array<ClaimedRow & { sentAt: Date | null; failedAt: Date | null }>> {
    return (await this.dataSource.query(
      `SELECT ${CLAIMED_COLUMNS}, o.sent_at AS "sentAt", o.failed_at AS "failedAt"
         FROM email_outbox o ORDER BY o.created_at DESC, o.id DESC LIMIT $1`,
      [count],
    )) as Array<ClaimedRow & { sentAt: Date | null; failedAt: Date | null }>;
  }

  /** E-mails neither sent nor given up, and how long the oldest of them has waited (0 when none). */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS "oldestSeconds"
         FROM email_outbox WHERE ${PENDING}`,
    )) as OutboxBacklog[];
    return row;
  }

  async find(id: string): Promise<OutboxRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, recipient::text AS recipient, template, attempts, message_id AS "messageId", sent_at AS "sentAt",
              failed_at AS "failedAt", last_error AS "lastError", next_attempt_at AS "nextAttemptAt"
         FROM email_outbox WHERE id = $1`,
      [id],
    )) as OutboxRow[];
    return rows[0] ?? null;
  }
}
