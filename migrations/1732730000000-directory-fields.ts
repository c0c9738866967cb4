import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom fields of a network's directory (issue 14 item 19): a network's definitions (key, type,
 * translatable label, choices, required) and the values people and organisations hold, one jsonb
 * document per row keyed by network and field key (`{ "<network id>": { "<key>": value } }`), so one
 * network's fields never meet another's. The GIN index answers a search for an exact value.
 */
export class DirectoryFields1732730000000 implements MigrationInterface {
  name = 'DirectoryFields1732730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_field (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        entity text NOT NULL CHECK (entity IN ('PERSON', 'ORGANISATION')),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        type text NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'DATE', 'CHOICE')),
        label jsonb NOT NULL CHECK (jsonb_typeof(label) = 'object' AND label <> '{}'::jsonb),
        choices jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(choices) = 'array'),
        required boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (network_id, entity, key)
      )`);
    for (const table of ['person', 'organisation']) {
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fields) = 'object')`,
      );
      await q.query(`CREATE INDEX ${table}_fields_idx ON ${table} USING gin (fields jsonb_path_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['person', 'organisation']) {
      await q.query(`DROP INDEX ${table}_fields_idx`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN fields`);
    }
    await q.query(`DROP TABLE directory_field`);
  }
}
