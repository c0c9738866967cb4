import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training (SPEC §4.2): curricula of a network in numbered versions (a published version is
 * immutable; a new one starts from a published one) with ordered modules; trainings (cohorts) that
 * deliver one version, with places, zone, capacity, per-country quotas, trainers, an enrolment
 * deadline and a lifecycle; enrolments in nomination order (`seq`), confirmed or waitlisted by
 * capacity and quota under the training's row lock.
 */
export class Training1732830000000 implements MigrationInterface {
  name = 'Training1732830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE curriculum (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX curriculum_network_idx ON curriculum (network_id)`);
    await q.query(`
      CREATE TABLE curriculum_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        curriculum_id uuid NOT NULL REFERENCES curriculum (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        title jsonb NOT NULL,
        description jsonb,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        based_on uuid REFERENCES curriculum_version (id) ON DELETE SET NULL,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (curriculum_id, number)
      )`);
    // One draft at a time per curriculum: a new version starts from a published one.
    await q.query(
      `CREATE UNIQUE INDEX curriculum_one_draft_idx ON curriculum_version (curriculum_id) WHERE status = 'DRAFT'`,
    );
    await q.query(`
      CREATE TABLE curriculum_module (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES curriculum_version (id) ON DELETE CASCADE,
        position integer NOT NULL,
        title jsonb NOT NULL,
        objectives jsonb,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 10080),
        required boolean NOT NULL DEFAULT true,
        materials text[] NOT NULL DEFAULT '{}',
        UNIQUE (version_id, position)
      )`);

    await q.query(`
      CREATE TABLE training (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        curriculum_version_id uuid NOT NULL REFERENCES curriculum_version (id),
        title jsonb NOT NULL,
        format text NOT NULL CHECK (format IN ('IN_PERSON', 'ONLINE', 'HYBRID')),
        places text[] NOT NULL DEFAULT '{}',
        time_zone text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        languages text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        enrolment_deadline date,
        partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'RUNNING', 'COMPLETED', 'CANCELLED')),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX training_network_start_idx ON training (network_id, starts_at, id)`);
    await q.query(`
      CREATE TABLE training_quota (
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        country_code char(2) NOT NULL REFERENCES country (code),
        seats integer NOT NULL CHECK (seats BETWEEN 0 AND 10000),
        PRIMARY KEY (training_id, country_code)
      )`);
    await q.query(`
      CREATE TABLE training_trainer (
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        PRIMARY KEY (training_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        training_id uuid NOT NULL REFERENCES training (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        member_state char(2) NOT NULL REFERENCES country (code),
        status text NOT NULL
          CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'ATTENDED', 'COMPLETED', 'DECLINED', 'WITHDRAWN')),
        seq bigserial NOT NULL,
        nominated_by uuid REFERENCES person (id) ON DELETE SET NULL,
        nominated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (training_id, person_id)
      )`);
    await q.query(`CREATE INDEX enrolment_training_seq_idx ON enrolment (training_id, seq)`);
    await q.query(`CREATE INDEX enrolment_person_idx ON enrolment (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['enrolment', 'training_trainer', 'training_quota', 'training', 'curriculum_module']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP TABLE curriculum_version`);
    await q.query(`DROP TABLE curriculum`);
  }
}
