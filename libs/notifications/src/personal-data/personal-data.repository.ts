import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/** What notifications hold about one person, for their own export: notifications, preferences, digests. */
@Injectable()
export class NotificationsPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    return {
      notifications: await rows(
        `SELECT id, kind, subject_type AS "subjectType", subject_id AS "subjectId", network_id AS "networkId", params,
                delivery, created_at AS "createdAt", read_at AS "readAt", digested_at AS "digestedAt"
         FROM notification WHERE person_id = $1 ORDER BY created_at, id`,
      ),
      notificationPreferences: await rows(
        `SELECT kind, delivery, updated_at AS "updatedAt" FROM notification_preference WHERE person_id = $1 ORDER BY kind`,
      ),
      lastDigestAt:
        (await rows(`SELECT last_sent_at AS "lastSentAt" FROM notification_digest WHERE person_id = $1`))[0]
          ?.lastSentAt ?? null,
    };
  }
}
