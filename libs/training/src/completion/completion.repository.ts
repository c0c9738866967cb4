import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CompletionReason, EnrolmentStatus } from '../training-rules';

/** The outcome of one enrolment's evaluation. */
export interface EvaluatedEnrolment {
  readonly enrolmentId: string;
  readonly personId: string;
  readonly status: EnrolmentStatus;
  readonly reason: CompletionReason | null;
}

@Injectable()
export class CompletionRepository {
  /**
   * Evaluates every seated enrolment (CONFIRMED, ATTENDED) of a training against its completion rule
   * in one statement, and writes the outcome: COMPLETED, or the status kept with the reason
   * (never present; a required module none of whose sessions they were present at; too small a share
   * of the sessions), the modules missed and the sessions attended out of all.
   */
  async evaluate(tx: EntityManager, trainingId: string): Promise<EvaluatedEnrolment[]> {
    const rows = (await tx.query(
      `WITH tr AS (
         SELECT t.id, t.curriculum_version_id, t.completion_rule, t.completion_min_share,
                (SELECT count(*) FROM training_session s WHERE s.training_id = t.id) AS sessions
           FROM training t WHERE t.id = $1
       ), ev AS (
         SELECT e.id, tr.completion_rule, tr.completion_min_share, tr.sessions,
                (SELECT count(*) FROM training_attendance a JOIN training_session s ON s.id = a.session_id
                  WHERE a.enrolment_id = e.id AND a.status = 'PRESENT' AND s.training_id = tr.id) AS present,
                ARRAY(SELECT m.id FROM curriculum_module m
                       WHERE m.version_id = tr.curriculum_version_id AND m.required
                         AND NOT EXISTS (
                           SELECT 1 FROM training_session_module sm
                             JOIN training_session s ON s.id = sm.session_id AND s.training_id = tr.id
                             JOIN training_attendance a ON a.session_id = sm.session_id
                              AND a.enrolment_id = e.id AND a.status = 'PRESENT'
                            WHERE sm.module_id = m.id)
                       ORDER BY m.position) AS missed
           FROM enrolment e CROSS JOIN tr
          WHERE e.training_id = tr.id AND e.status IN ('CONFIRMED', 'ATTENDED')
       ), verdict AS (
         SELECT id, present, sessions, missed,
                CASE WHEN present = 0 THEN 'NOT_ATTENDED'
                     WHEN completion_rule = 'ALL_REQUIRED_MODULES' AND cardinality(missed) > 0
                       THEN 'MISSED_REQUIRED_MODULES'
                     WHEN completion_rule = 'MIN_SHARE_OF_SESSIONS' AND present < completion_min_share * sessions
                       THEN 'SHARE_TOO_LOW'
                END AS reason
           FROM ev
       ), written AS (
         UPDATE enrolment e
            SET status = CASE WHEN v.reason IS NULL THEN 'COMPLETED' ELSE e.status END,
                decided_at = CASE WHEN v.reason IS NULL THEN now() ELSE e.decided_at END,
                completion_reason = v.reason,
                completion_missed = CASE WHEN v.reason = 'MISSED_REQUIRED_MODULES' THEN v.missed ELSE '{}' END,
                completion_present = v.present,
                completion_sessions = v.sessions,
                completion_evaluated_at = now()
           FROM verdict v WHERE e.id = v.id
         RETURNING e.id, e.person_id, e.status, e.completion_reason, e.seq
       )
       SELECT id, person_id, status, completion_reason FROM written ORDER BY seq`,
      [trainingId],
    )) as { id: string; person_id: string; status: EnrolmentStatus; completion_reason: CompletionReason | null }[];
    return rows.map((r) => ({
      enrolmentId: r.id,
      personId: r.person_id,
      status: r.status,
      reason: r.completion_reason,
    }));
  }
}
