import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/**
 * What training holds about one person, for their own export: their enrolments (with how they fared
 * when the training completed), their attendance session by session, their certificates, the
 * trainings they are assigned to and the sessions they give.
 */
@Injectable()
export class TrainingPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    return {
      enrolments: await rows(
        `SELECT e.training_id AS "trainingId", t.title, t.starts_at AS "startsAt", e.member_state AS "memberState",
                e.status, e.nominated_at AS "nominatedAt", e.decided_at AS "decidedAt",
                e.completion_evaluated_at AS "completionEvaluatedAt", e.completion_reason AS "completionReason",
                e.completion_present AS "completionPresentSessions", e.completion_sessions AS "completionSessions"
         FROM enrolment e JOIN training t ON t.id = e.training_id
         WHERE e.person_id = $1 ORDER BY t.starts_at, e.id`,
      ),
      trainingAttendance: await rows(
        `SELECT s.training_id AS "trainingId", a.session_id AS "sessionId", s.starts_at AS "startsAt",
                s.ends_at AS "endsAt", a.status, a.recorded_at AS "recordedAt"
         FROM training_attendance a JOIN enrolment e ON e.id = a.enrolment_id
         JOIN training_session s ON s.id = a.session_id
         WHERE e.person_id = $1 ORDER BY s.starts_at, s.id`,
      ),
      certificates: await rows(
        `SELECT c.id, c.enrolment_id AS "enrolmentId", c.training_id AS "trainingId", t.title AS "trainingTitle",
                c.curriculum_version_id AS "curriculumVersionId", c.code, c.issued_at AS "issuedAt",
                c.revoked_at AS "revokedAt", c.revoke_reason AS "revokeReason"
         FROM certificate c JOIN training t ON t.id = c.training_id
         WHERE c.person_id = $1 ORDER BY c.issued_at, c.id`,
      ),
      trainingsAsTrainer: await rows(
        `SELECT tt.training_id AS "trainingId", t.title, t.starts_at AS "startsAt"
         FROM training_trainer tt JOIN training t ON t.id = tt.training_id
         WHERE tt.person_id = $1 ORDER BY t.starts_at, t.id`,
      ),
      trainingSessionsAsTrainer: await rows(
        `SELECT s.training_id AS "trainingId", s.id AS "sessionId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
                s.place
         FROM training_session_trainer st JOIN training_session s ON s.id = st.session_id
         WHERE st.person_id = $1 ORDER BY s.starts_at, s.id`,
      ),
    };
  }
}
