import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/** What training holds about one person, for their own export: their enrolments and the trainings they are assigned to. */
@Injectable()
export class TrainingPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    return {
      enrolments: await rows(
        `SELECT e.training_id AS "trainingId", t.title, t.starts_at AS "startsAt", e.member_state AS "memberState",
                e.status, e.nominated_at AS "nominatedAt", e.decided_at AS "decidedAt"
         FROM enrolment e JOIN training t ON t.id = e.training_id
         WHERE e.person_id = $1 ORDER BY t.starts_at, e.id`,
      ),
      trainingsAsTrainer: await rows(
        `SELECT tt.training_id AS "trainingId", t.title, t.starts_at AS "startsAt"
         FROM training_trainer tt JOIN training t ON t.id = tt.training_id
         WHERE tt.person_id = $1 ORDER BY t.starts_at, t.id`,
      ),
    };
  }
}
