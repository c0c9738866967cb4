import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact e-mail and an external reference identify a person within what a network may see, not
 * across the platform (docs/decisions/0012): a platform-wide unique index answered "taken" for an
 * address or reference held only by another network's hidden person, an existence oracle. The
 * uniqueness a secretariat relies on (its own directory, what it may see) is checked by the
 * directory under a per-value lock; the indexes stay for lookups.
 */
export class DirectoryScopedKeys1732550000000 implements MigrationInterface {
  name = 'DirectoryScopedKeys1732550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_contact_email_uq`);
    await q.query(`CREATE INDEX person_contact_email_idx ON person_contact (lower(value)) WHERE kind = 'EMAIL'`);
    await q.query(`DROP INDEX person_external_ref_uq`);
    await q.query(`CREATE INDEX person_external_ref_idx ON person (lower(external_ref))`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [shared] = (await q.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM person_contact WHERE kind = 'EMAIL'
                GROUP BY lower(value) HAVING count(DISTINCT person_id) > 1) e)::int AS emails,
              (SELECT count(*) FROM (SELECT 1 FROM person WHERE external_ref IS NOT NULL
                GROUP BY lower(external_ref) HAVING count(*) > 1) r)::int AS refs`,
    )) as { emails: number; refs: number }[];
    if (shared.emails > 0 || shared.refs > 0) {
      throw new Error(
        `cannot restore platform-wide uniqueness: ${shared.emails} e-mail address(es) and ${shared.refs} ` +
          'external reference(s) are held by more than one person; merge or edit them first',
      );
    }
    await q.query(`DROP INDEX person_external_ref_idx`);
    await q.query(`CREATE UNIQUE INDEX person_external_ref_uq ON person (lower(external_ref))`);
    await q.query(`DROP INDEX person_contact_email_idx`);
    await q.query(`CREATE UNIQUE INDEX person_contact_email_uq ON person_contact (lower(value)) WHERE kind = 'EMAIL'`);
  }
}
