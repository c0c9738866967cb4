import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time zone a person reads dates in (e-mails, digests, calendar texts): an IANA name they or
 * their secretariat chose, validated by the directory (the database cannot know the zone names).
 * Null means "none chosen": their country's main zone is used, UTC when no country is known.
 */
export class PersonTimeZone1732700000000 implements MigrationInterface {
  name = 'PersonTimeZone1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE person ADD COLUMN time_zone text CONSTRAINT person_time_zone_length CHECK (length(time_zone) BETWEEN 1 AND 64)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person DROP COLUMN IF EXISTS time_zone`);
  }
}
