import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AttendanceStatus, EnrolmentStatus } from '../training-rules';

/** One person's attendance at one session (table `training_attendance`). */
export interface AttendanceRow {
  readonly sessionId: string;
  readonly enrolmentId: string;
  readonly personId: string;
  readonly trainingId: string;
  readonly status: AttendanceStatus;
  readonly recordedAt: Date;
}

interface RawAttendance {
  session_id: string;
  enrolment_id: string;
  person_id: string;
  training_id: string;
  status: AttendanceStatus;
  recorded_at: Date;
}

const toAttendance = (r: RawAttendance): AttendanceRow => ({
  sessionId: r.session_id,
  enrolmentId: r.enrolment_id,
  personId: r.person_id,
  trainingId: r.training_id,
  status: r.status,
  recordedAt: new Date(r.recorded_at),
});

@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The enrolments of `personIds` in a training, with where they stand (people not enrolled are absent). */
  async enrolmentsOf(
    tx: EntityManager,
    trainingId: string,
    personIds: readonly string[],
  ): Promise<{ id: string; personId: string; status: EnrolmentStatus }[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT id, person_id, status FROM enrolment WHERE training_id = $1 AND person_id = ANY(CAST($2 AS uuid[]))`,
      [trainingId, personIds],
    )) as { id: string; person_id: string; status: EnrolmentStatus }[];
    return rows.map((r) => ({ id: r.id, personId: r.person_id, status: r.status }));
  }

  async ofSession(tx: EntityManager, sessionId: string): Promise<AttendanceRow[]> {
    const rows = (await tx.query(
      `SELECT a.session_id, a.enrolment_id, e.person_id, e.training_id, a.status, a.recorded_at
         FROM training_attendance a JOIN enrolment e ON e.id = a.enrolment_id
        WHERE a.session_id = $1 ORDER BY e.seq`,
      [sessionId],
    )) as RawAttendance[];
    return rows.map(toAttendance);
  }

  /** Every attendance entry of several trainings (a page's worth), session by session, in nomination order. */
  async ofTrainings(trainingIds: readonly string[]): Promise<AttendanceRow[]> {
    if (trainingIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT a.session_id, a.enrolment_id, e.person_id, e.training_id, a.status, a.recorded_at
         FROM training_attendance a JOIN enrolment e ON e.id = a.enrolment_id
         JOIN training_session s ON s.id = a.session_id
        WHERE e.training_id = ANY(CAST($1 AS uuid[])) ORDER BY s.starts_at, s.id, e.seq`,
      [trainingIds],
    )) as RawAttendance[];
    return rows.map(toAttendance);
  }

  /** Records (or corrects) a session's entries in one statement. */
  async upsert(
    tx: EntityManager,
    sessionId: string,
    entries: readonly { enrolmentId: string; status: AttendanceStatus }[],
    recordedBy: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO training_attendance (session_id, enrolment_id, status, recorded_by)
       SELECT $1, x.enrolment_id, x.status, $4
         FROM unnest(CAST($2 AS uuid[]), CAST($3 AS text[])) AS x (enrolment_id, status)
       ON CONFLICT (session_id, enrolment_id)
       DO UPDATE SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [sessionId, entries.map((e) => e.enrolmentId), entries.map((e) => e.status), recordedBy],
    );
  }

  /**
   * Keeps the enrolments' status in step with their attendance: CONFIRMED → ATTENDED once present at a
   * session, back to CONFIRMED when a correction leaves no presence. Returns the ids that changed, with
   * their new status.
   */
  async syncStatuses(
    tx: EntityManager,
    enrolmentIds: readonly string[],
  ): Promise<{ id: string; status: EnrolmentStatus }[]> {
    if (enrolmentIds.length === 0) return [];
    const rows = (await tx.query(
      `UPDATE enrolment e
          SET status = CASE WHEN e.status = 'CONFIRMED' THEN 'ATTENDED' ELSE 'CONFIRMED' END, decided_at = now()
        WHERE e.id = ANY(CAST($1 AS uuid[]))
          AND ((e.status = 'CONFIRMED' AND EXISTS (
                 SELECT 1 FROM training_attendance a WHERE a.enrolment_id = e.id AND a.status = 'PRESENT'))
            OR (e.status = 'ATTENDED' AND NOT EXISTS (
                 SELECT 1 FROM training_attendance a WHERE a.enrolment_id = e.id AND a.status = 'PRESENT')))
        RETURNING e.id, e.status`,
      [enrolmentIds],
    )) as [{ id: string; status: EnrolmentStatus }[], number] | { id: string; status: EnrolmentStatus }[];
    return rowsOf(rows);
  }
}

/** UPDATE … RETURNING answers [rows, count] on PostgreSQL and rows alone on some drivers. */
function rowsOf<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
