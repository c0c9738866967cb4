import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps an erasure from being undone by re-importing the spreadsheet that first created the
 * person: SHA-256 digests of the e-mail addresses and external reference they had (`erased_keys`),
 * never the values themselves. Imports refuse a row whose address or reference has such a digest
 * among the network's people (docs/decisions/0012).
 */
export class ErasedKeys1732560000000 implements MigrationInterface {
  name = 'ErasedKeys1732560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ADD COLUMN erased_keys text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person DROP COLUMN erased_keys`);
  }
}
