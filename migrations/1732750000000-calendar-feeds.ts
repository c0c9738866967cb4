import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private calendar feeds (identity): a person's subscription link carries its own random token, never
 * the session's; only its SHA-256 is stored. Creating a new link revokes the previous one; signing out
 * everywhere (password reset, erasure) revokes it too.
 */
export class CalendarFeeds1732750000000 implements MigrationInterface {
  name = 'CalendarFeeds1732750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX calendar_feed_account_idx ON calendar_feed (account_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feed`);
  }
}
