import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials in the e-mail outbox (an invitation or reset link carries a token that signs someone
 * in): `secret_params` names the params that hold one, kept only while delivery needs them; they are
 * removed from `params` once the e-mail is sent or given up, or at `secret_expires_at` (the token's
 * own expiry), when an e-mail still unsent is given up.
 */
export class OutboxSecrets1732500000000 implements MigrationInterface {
  name = 'OutboxSecrets1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_outbox ADD COLUMN secret_params text[]`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN secret_expires_at timestamptz`);
    await q.query(
      `CREATE INDEX email_outbox_secrets_idx ON email_outbox (secret_expires_at) WHERE secret_params IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_outbox_secrets_idx`);
    await q.query(`ALTER TABLE email_outbox DROP COLUMN secret_expires_at`);
    await q.query(`ALTER TABLE email_outbox DROP COLUMN secret_params`);
  }
}
