import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official notices (issue 14): a message a channel's moderator posts as requiring acknowledgement
 * (`ack_required`), with the days after which those who have not acknowledged it are reminded once
 * (`ack_remind_after_days`, `ack_reminded_at`, set in the reminder's transaction), and each reader's
 * acknowledgement (`channel_message_ack`, once per person). A partial index finds the notices whose
 * reminder is still to be sent.
 */
export class ChannelNotices1732820000000 implements MigrationInterface {
  name = 'ChannelNotices1732820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE channel_message
        ADD COLUMN ack_required boolean NOT NULL DEFAULT false,
        ADD COLUMN ack_remind_after_days integer CHECK (ack_remind_after_days BETWEEN 1 AND 90),
        ADD COLUMN ack_reminded_at timestamptz`);
    await q.query(`
      CREATE TABLE channel_message_ack (
        message_id uuid NOT NULL REFERENCES channel_message (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, person_id)
      )`);
    await q.query(`
      CREATE INDEX channel_message_notice_due_idx ON channel_message (created_at)
        WHERE ack_required AND ack_reminded_at IS NULL AND deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS channel_message_notice_due_idx`);
    await q.query(`DROP TABLE IF EXISTS channel_message_ack`);
    await q.query(`
      ALTER TABLE channel_message
        DROP COLUMN IF EXISTS ack_reminded_at,
        DROP COLUMN IF EXISTS ack_remind_after_days,
        DROP COLUMN IF EXISTS ack_required`);
  }
}
