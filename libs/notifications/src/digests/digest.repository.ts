import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '@enlace/core';
import type { DigestNotification } from './digest.entity';

@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** People with notifications waiting for a digest, created up to `until`. */
  async peopleWithPending(until: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT person_id AS "personId" FROM notification
        WHERE delivery = 'DIGEST' AND digested_at IS NULL AND created_at <= $1 ORDER BY 1 LIMIT $2`,
      [until, limit],
    )) as { personId: string }[];
    return rows.map((r) => r.personId);
  }

  /**
   * Locks the person's digest bookmark (so two runs never write two digests for one person) and
   * returns when their last digest was written.
   */
  async lockBookmark(tx: Tx, personId: string): Promise<Date | null> {
    const rows = (await tx.query(
      `SELECT last_sent_at AS "lastSentAt" FROM notification_digest WHERE person_id = $1 FOR UPDATE`,
      [personId],
    )) as { lastSentAt: Date }[];
    if (rows.length === 0) await tx.query(`SELECT pg_advisory_xact_lock(hashtext('digest:' || $1::text))`, [personId]);
    return rows[0]?.lastSentAt ?? null;
  }

  /** Takes (marks digested) the person's waiting notifications up to `until`, oldest first. */
  async take(tx: Tx, personId: string, until: Date): Promise<DigestNotification[]> {
    const rows = (await tx.query(
      `WITH taken AS (
         UPDATE notification SET digested_at = now()
          WHERE person_id = $1 AND delivery = 'DIGEST' AND digested_at IS NULL AND created_at <= $2
          RETURNING id, kind, params, created_at, network_id)
       SELECT t.id, t.kind, t.params, t.created_at AS "createdAt", net.default_language AS "networkLanguage",
              t.network_id AS "networkId"
         FROM taken t LEFT JOIN network net ON net.id = t.network_id
        ORDER BY t.created_at, t.id`,
      [personId, until],
    )) as DigestNotification[];
    return rows;
  }

  async setBookmark(tx: Tx, personId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO notification_digest (person_id, last_sent_at) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at`,
      [personId, at],
    );
  }
}
