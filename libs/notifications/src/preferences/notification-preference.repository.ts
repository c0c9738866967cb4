import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '@enlace/core';
import type { NotificationDelivery } from '../notifications-rules';

@Injectable()
export class NotificationPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(tx: Tx, personId: string, kind: string): Promise<NotificationDelivery | null> {
    const rows = (await tx.query(`SELECT delivery FROM notification_preference WHERE person_id = $1 AND kind = $2`, [
      personId,
      kind,
    ])) as { delivery: NotificationDelivery }[];
    return rows[0]?.delivery ?? null;
  }

  /** The choices of many people for a kind each, keyed `<personId>:<kind>` (only those who chose). */
  async findMany(
    tx: Tx,
    wanted: readonly { personId: string; kind: string }[],
  ): Promise<Map<string, NotificationDelivery>> {
    if (wanted.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT np.person_id AS "personId", np.kind, np.delivery FROM notification_preference np
         JOIN unnest($1::uuid[], $2::text[]) AS w (person_id, kind) ON w.person_id = np.person_id AND w.kind = np.kind`,
      [wanted.map((w) => w.personId), wanted.map((w) => w.kind)],
    )) as { personId: string; kind: string; delivery: NotificationDelivery }[];
    return new Map(rows.map((r) => [`${r.personId}:${r.kind}`, r.delivery]));
  }

  async list(personId: string): Promise<Map<string, NotificationDelivery>> {
    const rows = (await this.dataSource.query(
      `SELECT kind, delivery FROM notification_preference WHERE person_id = $1`,
      [personId],
    )) as { kind: string; delivery: NotificationDelivery }[];
    return new Map(rows.map((r) => [r.kind, r.delivery]));
  }

  async upsert(tx: Tx, personId: string, kind: string, delivery: NotificationDelivery): Promise<void> {
    await tx.query(
      `INSERT INTO notification_preference (person_id, kind, delivery) VALUES ($1, $2, $3)
       ON CONFLICT (person_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
      [personId, kind, delivery],
    );
  }
}
