import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Language, personTimeZone, type Tx } from '@enlace/core';
import type { NewNotification, NotificationRow, Recipient } from './notification.entity';

const COLUMNS = `n.id, n.person_id AS "personId", n.kind, n.subject_type AS "subjectType", n.subject_id AS "subjectId",
  n.network_id AS "networkId", n.params, n.delivery, n.created_at AS "createdAt", n.read_at AS "readAt",
  p.preferred_language AS language, net.default_language AS "networkLanguage", net.name AS "networkName",
  p.time_zone AS "timeZone", p.country_code AS "countryCode"`;
const FROM = `notification n JOIN person p ON p.id = n.person_id LEFT JOIN network net ON net.id = n.network_id`;

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recipient(tx: Tx, personId: string): Promise<Recipient | null> {
    const rows = (await tx.query(
      `SELECT p.preferred_language AS language, a.email::text AS email, p.time_zone AS "timeZone",
              p.country_code AS "countryCode"
         FROM person p LEFT JOIN account a ON a.person_id = p.id WHERE p.id = $1`,
      [personId],
    )) as (Omit<Recipient, 'timeZone'> & { timeZone: string | null; countryCode: string | null })[];
    const row = rows[0];
    return row
      ? { language: row.language, email: row.email, timeZone: personTimeZone(row.timeZone, row.countryCode) }
      : null;
  }

  /** Many recipients at once (people that do not exist are left out). */
  async recipients(tx: Tx, personIds: readonly string[]): Promise<Map<string, Recipient>> {
    if (personIds.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT p.id, p.preferred_language AS language, a.email::text AS email, p.time_zone AS "timeZone",
              p.country_code AS "countryCode"
         FROM person p LEFT JOIN account a ON a.person_id = p.id WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(personIds)]],
    )) as {
      id: string;
      language: Language;
      email: string | null;
      timeZone: string | null;
      countryCode: string | null;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        { language: r.language, email: r.email, timeZone: personTimeZone(r.timeZone, r.countryCode) },
      ]),
    );
  }

  /** Default languages of these networks. */
  async networkLanguages(tx: Tx, networkIds: readonly string[]): Promise<Map<string, Language>> {
    if (networkIds.length === 0) return new Map();
    const rows = (await tx.query(`SELECT id, default_language AS lang FROM network WHERE id = ANY($1::uuid[])`, [
      [...new Set(networkIds)],
    ])) as { id: string; lang: Language }[];
    return new Map(rows.map((r) => [r.id, r.lang]));
  }

  /** Inserts many notifications in one statement; returns their ids and times in the order given. */
  async insertMany(tx: Tx, all: readonly NewNotification[]): Promise<{ id: string; createdAt: Date }[]> {
    if (all.length === 0) return [];
    const ids = all.map(() => randomUUID());
    const rows = (await tx.query(
      `INSERT INTO notification (id, person_id, kind, subject_type, subject_id, network_id, params, delivery)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::text[])
       RETURNING id, created_at AS "createdAt"`,
      [
        ids,
        all.map((n) => n.personId),
        all.map((n) => n.kind),
        all.map((n) => n.subjectType),
        all.map((n) => n.subjectId),
        all.map((n) => n.networkId),
        all.map((n) => JSON.stringify(n.params)),
        all.map((n) => n.delivery),
      ],
    )) as { id: string; createdAt: Date }[];
    const byId = new Map(rows.map((r) => [r.id, r.createdAt]));
    return ids.map((id) => ({ id, createdAt: byId.get(id) as Date }));
  }

  /** Whether a notification of `kind` about the subject was recorded at or after `since` (for anyone). */
  async existsSince(
    tx: Tx,
    kind: string,
    subject: { readonly type: string; readonly id: string },
    since: Date,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM notification WHERE kind = $1 AND subject_type = $2 AND subject_id = $3 AND created_at >= $4 LIMIT 1`,
      [kind, subject.type, subject.id, since],
    )) as unknown[];
    return rows.length > 0;
  }

  async networkLanguage(tx: Tx, networkId: string): Promise<Language | null> {
    const rows = (await tx.query(`SELECT default_language AS lang FROM network WHERE id = $1`, [networkId])) as {
      lang: Language;
    }[];
    return rows[0]?.lang ?? null;
  }

  async insert(tx: Tx, n: NewNotification): Promise<{ id: string; createdAt: Date }> {
    const [row] = (await tx.query(
      `INSERT INTO notification (person_id, kind, subject_type, subject_id, network_id, params, delivery)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at AS "createdAt"`,
      [n.personId, n.kind, n.subjectType, n.subjectId, n.networkId, JSON.stringify(n.params), n.delivery],
    )) as { id: string; createdAt: Date }[];
    return row;
  }

  /** One page of a person's notifications, newest first (keyset on created_at, id). */
  async page(
    personId: string,
    options: { first: number; after: { createdAt: string; id: string } | null; unreadOnly: boolean },
  ): Promise<{ rows: NotificationRow[]; totalCount: number }> {
    const unread = options.unreadOnly ? 'AND n.read_at IS NULL' : '';
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notification n WHERE n.person_id = $1 ${unread}`,
      [personId],
    )) as { count: number }[];
    const params: unknown[] = [personId, options.first + 1];
    let keyset = '';
    if (options.after) {
      params.push(options.after.createdAt, options.after.id);
      keyset = `AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE n.person_id = $1 ${unread} ${keyset}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      params,
    )) as NotificationRow[];
    return { rows, totalCount: count };
  }

  async unreadCount(personId: string): Promise<number> {
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE person_id = $1 AND read_at IS NULL`,
      [personId],
    )) as { count: number }[];
    return count;
  }

  /** Marks one of the person's notifications read (idempotent); null when it is not theirs. */
  async markRead(personId: string, id: string): Promise<NotificationRow | null> {
    await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE id = $1 AND person_id = $2 AND read_at IS NULL`,
      [id, personId],
    );
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE n.id = $1 AND n.person_id = $2`, [
      id,
      personId,
    ])) as NotificationRow[];
    return rows[0] ?? null;
  }

  async markAllRead(personId: string): Promise<number> {
    const result = (await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE person_id = $1 AND read_at IS NULL`,
      [personId],
    )) as [unknown[], number];
    return result[1];
  }
}
