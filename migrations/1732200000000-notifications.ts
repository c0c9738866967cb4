import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications and scheduled work: the `job_run` claims of scheduled jobs, delivery state on the
 * email outbox, notifications, per-kind preferences and the digest bookmark of each person.
 */
export class Notifications1732200000000 implements MigrationInterface {
  name = 'Notifications1732200000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per (job, slot): inserted before the job runs, so a slot runs once however many
    // processes tick. At most one RUNNING row per job: long runs cannot overlap. A run whose
    // heartbeat stops is taken over (retried) once the heartbeat is stale.
    await q.query(`
      CREATE TABLE job_run (
        job text NOT NULL CHECK (char_length(job) BETWEEN 1 AND 100),
        slot timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        owner text NOT NULL,
        attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        result jsonb,
        last_error text,
        PRIMARY KEY (job, slot)
      )`);
    await q.query(`CREATE UNIQUE INDEX job_run_one_running_uq ON job_run (job) WHERE status = 'RUNNING'`);

    // Delivery state: the Message-ID is stored before the first send, so a resend after a crash
    // carries the same one; a claim is a lease, so a killed worker's message comes back.
    await q.query(`ALTER TABLE email_outbox ADD COLUMN message_id text UNIQUE`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN claimed_by text`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN claimed_until timestamptz`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN logged_at timestamptz`);
    await q.query(`DROP INDEX email_outbox_pending_idx`);
    await q.query(
      `CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at, created_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-zA-Z][a-zA-Z0-9]{0,63}$'),
        subject_type text NOT NULL CHECK (char_length(subject_type) BETWEEN 1 AND 64),
        subject_id text NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 200),
        network_id uuid REFERENCES network (id) ON DELETE SET NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
        delivery text NOT NULL CHECK (delivery IN ('IN_APP', 'EMAIL', 'DIGEST')),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        digested_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_person_idx ON notification (person_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (person_id) WHERE read_at IS NULL`);
    await q.query(
      `CREATE INDEX notification_digest_idx ON notification (person_id, created_at) WHERE delivery = 'DIGEST' AND digested_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification_preference (
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-zA-Z][a-zA-Z0-9]{0,63}$'),
        delivery text NOT NULL CHECK (delivery IN ('IN_APP', 'EMAIL', 'DIGEST', 'OFF')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, kind)
      )`);

    // When each person's last digest was written: the next one groups what happened since.
    await q.query(`
      CREATE TABLE notification_digest (
        person_id uuid PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
        last_sent_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_digest`);
    await q.query(`DROP TABLE IF EXISTS notification_preference`);
    await q.query(`DROP TABLE IF EXISTS notification`);
    await q.query(`DROP INDEX IF EXISTS email_outbox_pending_idx`);
    for (const column of ['logged_at', 'claimed_until', 'claimed_by', 'next_attempt_at', 'message_id']) {
      await q.query(`ALTER TABLE email_outbox DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(
      `CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    await q.query(`DROP TABLE IF EXISTS job_run`);
  }
}
