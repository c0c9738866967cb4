import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training sessions, attendance, completion and reminders (issue 12 items 2, 4, 7): a training's
 * sessions (each covering one or more modules of its curriculum version, at one of its places, with
 * some of its trainers), attendance per session and enrolment, the training's completion rule, the
 * outcome of each enrolment's evaluation when the training completes (the reason kept for those who
 * did not complete), and the reminders sent (one row per training, reminder and occasion, so each
 * goes out once).
 */
export class TrainingAttendance1732860000000 implements MigrationInterface {
  name = 'TrainingAttendance1732860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training
        ADD COLUMN completion_rule text NOT NULL DEFAULT 'ALL_REQUIRED_MODULES'
          CHECK (completion_rule IN ('ALL_REQUIRED_MODULES', 'MIN_SHARE_OF_SESSIONS')),
        ADD COLUMN completion_min_share numeric(5, 4) CHECK (completion_min_share > 0 AND completion_min_share <= 1),
        ADD COLUMN completed_at timestamptz`);
    await q.query(`
      CREATE TABLE training_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX training_session_training_idx ON training_session (training_id, starts_at, id)`);
    await q.query(`CREATE INDEX training_session_ends_idx ON training_session (ends_at)`);
    await q.query(`
      CREATE TABLE training_session_module (
        session_id uuid NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
        module_id uuid NOT NULL REFERENCES curriculum_module (id),
        PRIMARY KEY (session_id, module_id)
      )`);
    await q.query(`CREATE INDEX training_session_module_module_idx ON training_session_module (module_id)`);
    await q.query(`
      CREATE TABLE training_session_trainer (
        session_id uuid NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE training_attendance (
        session_id uuid NOT NULL REFERENCES training_session (id) ON DELETE CASCADE,
        enrolment_id uuid NOT NULL REFERENCES enrolment (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'EXCUSED')),
        recorded_by uuid REFERENCES person (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, enrolment_id)
      )`);
    await q.query(`CREATE INDEX training_attendance_enrolment_idx ON training_attendance (enrolment_id)`);
    await q.query(`
      ALTER TABLE enrolment
        ADD COLUMN completion_reason text
          CHECK (completion_reason IN ('NOT_ATTENDED', 'MISSED_REQUIRED_MODULES', 'SHARE_TOO_LOW')),
        ADD COLUMN completion_missed uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN completion_present integer,
        ADD COLUMN completion_sessions integer,
        ADD COLUMN completion_evaluated_at timestamptz`);
    await q.query(`
      CREATE TABLE training_reminder (
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        reminder text NOT NULL CHECK (reminder IN ('NOMINATION_DEADLINE', 'TRAINING_START', 'RECORD_ATTENDANCE')),
        occasion text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        recipients integer NOT NULL,
        PRIMARY KEY (training_id, reminder, occasion)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_reminder`);
    await q.query(`
      ALTER TABLE enrolment
        DROP COLUMN completion_reason, DROP COLUMN completion_missed, DROP COLUMN completion_present,
        DROP COLUMN completion_sessions, DROP COLUMN completion_evaluated_at`);
    for (const table of [
      'training_attendance',
      'training_session_trainer',
      'training_session_module',
      'training_session',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`
      ALTER TABLE training DROP COLUMN completion_rule, DROP COLUMN completion_min_share, DROP COLUMN completed_at`);
  }
}
