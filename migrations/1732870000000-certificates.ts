import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training certificates (issue 12, item 5; decision 0022): one per completed enrolment, naming the
 * holder, the training and the curriculum version it delivered. `code` is the public verification
 * code (160 random bits, base32); lookups go through `code_digest` (its SHA-256), so the index is
 * searched by a value the caller cannot steer. A revoked certificate keeps its row: it still verifies,
 * showing when and why it was revoked.
 */
export class Certificates1732870000000 implements MigrationInterface {
  name = 'Certificates1732870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolment (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        curriculum_version_id uuid NOT NULL REFERENCES curriculum_version (id),
        code text NOT NULL CHECK (code ~ '^[0-9A-Z]{32}$'),
        code_digest bytea NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES person (id) ON DELETE SET NULL,
        revoke_reason text CHECK (char_length(revoke_reason) BETWEEN 1 AND 1000),
        CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX certificate_person_idx ON certificate (person_id)`);
    await q.query(`CREATE INDEX certificate_training_idx ON certificate (training_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate`);
  }
}
