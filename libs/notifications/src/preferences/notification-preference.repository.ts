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
