import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The addresses each account has signed in from (docs/decisions/0010): a correct password from one
 * of them passes the account's sign-in budget, so a stranger cannot lock the owner out. Only a
 * digest of the account and address is kept, never the address itself.
 */
export class SignInAddresses1732450000000 implements MigrationInterface {
  name = 'SignInAddresses1732450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_address (
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        address_digest text NOT NULL,
        last_success_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, address_digest)
      )`);
    await q.query(`CREATE INDEX sign_in_address_last_success_idx ON sign_in_address (last_success_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_address`);
  }
}
