import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders sent for a meeting (SPEC §4.3): one row per meeting, reminder and start, written in the
 * transaction that notifies, so that each reminder goes out once however many schedulers run and
 * however often a slot is retried; a rescheduled meeting (another start) is reminded again.
 */
export class MeetingReminders1732780000000 implements MigrationInterface {
  name = 'MeetingReminders1732780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_reminder (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        reminder text NOT NULL CHECK (reminder IN ('DAY_BEFORE', 'HOUR_BEFORE', 'RSVP_CHASE', 'CLOSE_MEETING')),
        starts_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        recipients integer NOT NULL,
        PRIMARY KEY (meeting_id, reminder, starts_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reminder`);
  }
}
