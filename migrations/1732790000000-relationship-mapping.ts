import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = ['WORKS_FOR', 'REPRESENTS', 'PARTNERS_WITH', 'REPORTS_TO'];
const AFTER = [...BEFORE, 'MEMBER_OF', 'FUNDS', 'ADVISES', 'COORDINATES_WITH', 'INFLUENCES'];
const list = (types: string[]) => types.map((t) => `'${t}'`).join(', ');

/**
 * Actor and relationship mapping (issue 14 item 18): more relationship types, a note and a source
 * (where the secretariat learnt it) per relationship, and the index of the network-wide list (newest
 * first within a network). down() removes the relationships of the new types, then the columns.
 */
export class RelationshipMapping1732790000000 implements MigrationInterface {
  name = 'RelationshipMapping1732790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directory_relationship DROP CONSTRAINT directory_relationship_type_check`);
    await q.query(
      `ALTER TABLE directory_relationship ADD CONSTRAINT directory_relationship_type_check CHECK (type IN (${list(AFTER)}))`,
    );
    await q.query(`ALTER TABLE directory_relationship ADD COLUMN note text CHECK (char_length(note) <= 2000)`);
    await q.query(`ALTER TABLE directory_relationship ADD COLUMN source text CHECK (char_length(source) <= 500)`);
    await q.query(
      `CREATE INDEX relationship_network_idx ON directory_relationship (network_id, (coalesce(starts_on, DATE '0001-01-01')) DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS relationship_network_idx`);
    await q.query(`ALTER TABLE directory_relationship DROP COLUMN IF EXISTS source`);
    await q.query(`ALTER TABLE directory_relationship DROP COLUMN IF EXISTS note`);
    await q.query(`DELETE FROM directory_relationship WHERE type NOT IN (${list(BEFORE)})`);
    await q.query(`ALTER TABLE directory_relationship DROP CONSTRAINT directory_relationship_type_check`);
    await q.query(
      `ALTER TABLE directory_relationship ADD CONSTRAINT directory_relationship_type_check CHECK (type IN (${list(BEFORE)}))`,
    );
  }
}
