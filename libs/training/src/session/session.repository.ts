import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RawSession, SessionRow, toSession } from './session.entity';

const COLUMNS = `s.id, s.training_id, tr.time_zone, s.starts_at, s.ends_at, s.place, s.version,
  (SELECT array_agg(sm.module_id ORDER BY m.position) FROM training_session_module sm
     JOIN curriculum_module m ON m.id = sm.module_id WHERE sm.session_id = s.id) AS module_ids,
  (SELECT array_agg(st.person_id ORDER BY st.person_id) FROM training_session_trainer st WHERE st.session_id = s.id) AS trainer_ids,
  (SELECT count(*) FROM training_attendance a WHERE a.session_id = s.id) AS recorded`;

export interface SessionValues {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string | null;
}

/**
 * Sessions of trainings. No visibility of its own: callers reach a session through its training
 * (`TrainingService.get`), whose visibility rule answers for it.
 */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(tx: EntityManager, id: string, lock = false): Promise<SessionRow | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS} FROM training_session s JOIN training tr ON tr.id = s.training_id
        WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
      [id],
    )) as RawSession[];
    return rows[0] ? toSession(rows[0]) : null;
  }

  /** Sessions of several trainings (a page's worth), in order of start. */
  async ofTrainings(trainingIds: readonly string[], tx?: EntityManager | null): Promise<SessionRow[]> {
    if (trainingIds.length === 0) return [];
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM training_session s JOIN training tr ON tr.id = s.training_id
        WHERE s.training_id = ANY(CAST($1 AS uuid[])) ORDER BY s.training_id, s.starts_at, s.id`,
      [trainingIds],
    )) as RawSession[];
    return rows.map(toSession);
  }

  async count(tx: EntityManager, trainingId: string): Promise<number> {
    const [row] = (await tx.query(`SELECT count(*) AS n FROM training_session WHERE training_id = $1`, [
      trainingId,
    ])) as { n: string }[];
    return Number(row.n);
  }

  async insert(tx: EntityManager, trainingId: string, values: SessionValues): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO training_session (training_id, starts_at, ends_at, place) VALUES ($1, $2, $3, $4) RETURNING id`,
      [trainingId, values.startsAt, values.endsAt, values.place],
    )) as { id: string }[];
    return row.id;
  }

  async update(tx: EntityManager, id: string, values: SessionValues): Promise<void> {
    await tx.query(
      `UPDATE training_session SET starts_at = $2, ends_at = $3, place = $4, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, values.startsAt, values.endsAt, values.place],
    );
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM training_session WHERE id = $1`, [id]);
  }

  async setModules(tx: EntityManager, id: string, moduleIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM training_session_module WHERE session_id = $1`, [id]);
    await tx.query(
      `INSERT INTO training_session_module (session_id, module_id) SELECT $1, unnest(CAST($2 AS uuid[]))`,
      [id, moduleIds],
    );
  }

  async setTrainers(tx: EntityManager, id: string, personIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM training_session_trainer WHERE session_id = $1`, [id]);
    if (personIds.length === 0) return;
    await tx.query(
      `INSERT INTO training_session_trainer (session_id, person_id) SELECT $1, unnest(CAST($2 AS uuid[]))`,
      [id, personIds],
    );
  }

  /** Of `moduleIds`, those of curriculum version `versionId`. */
  async modulesOf(tx: EntityManager, versionId: string, moduleIds: readonly string[]): Promise<string[]> {
    if (moduleIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT id FROM curriculum_module WHERE version_id = $1 AND id = ANY(CAST($2 AS uuid[]))`,
      [versionId, moduleIds],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
