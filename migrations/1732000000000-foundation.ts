import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: extensions, people and accounts, sessions, networks, partnerships, memberships,
 * invitations, password resets, the rate-limit budget, the email outbox and the audit log.
 */
export class Foundation1732000000000 implements MigrationInterface {
  name = 'Foundation1732000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es', 'pt', 'fr')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE REFERENCES person (id) ON DELETE CASCADE,
        email citext NOT NULL UNIQUE CHECK (char_length(email) BETWEEN 3 AND 254),
        password_hash text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX session_account_idx ON session (account_id)`);

    await q.query(`
      CREATE TABLE network (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug citext NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 64),
        name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name <> '{}'::jsonb),
        description jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(description) = 'object'),
        kind text NOT NULL CHECK (kind IN ('GOVERNMENTAL', 'CIVIL_SOCIETY', 'MIXED')),
        default_language text NOT NULL CHECK (default_language IN ('en', 'es', 'pt', 'fr')),
        working_languages text[] NOT NULL
          CHECK (working_languages <@ ARRAY['en', 'es', 'pt', 'fr']::text[] AND default_language = ANY (working_languages)),
        visibility text NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Partnerships are symmetric and stored in both directions, so "partners of X" is one index scan.
    await q.query(`
      CREATE TABLE network_partner (
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (network_id, partner_id),
        CHECK (network_id <> partner_id)
      )`);

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        role text NOT NULL
          CHECK (role IN ('SECRETARIAT', 'FOCAL_POINT', 'ALTERNATE_FOCAL_POINT', 'CIVIL_SOCIETY', 'TRAINER', 'OBSERVER')),
        member_state char(2) CHECK (member_state ~ '^[A-Z]{2}$'),
        starts_on date NOT NULL DEFAULT current_date,
        ends_on date,
        visibility text NOT NULL DEFAULT 'NETWORK' CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role NOT IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT') OR member_state IS NOT NULL),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX membership_person_idx ON membership (person_id)`);
    await q.query(`CREATE INDEX membership_network_idx ON membership (network_id, role)`);
    await q.query(
      `CREATE UNIQUE INDEX membership_open_term_uq ON membership (person_id, network_id, role) WHERE ends_on IS NULL`,
    );

    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        email citext NOT NULL,
        role text NOT NULL
          CHECK (role IN ('SECRETARIAT', 'FOCAL_POINT', 'ALTERNATE_FOCAL_POINT', 'CIVIL_SOCIETY', 'TRAINER', 'OBSERVER')),
        member_state char(2) CHECK (member_state ~ '^[A-Z]{2}$'),
        language text NOT NULL CHECK (language IN ('en', 'es', 'pt', 'fr')),
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        CHECK (role NOT IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT') OR member_state IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX invitation_network_idx ON invitation (network_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE password_reset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_reset_account_idx ON password_reset (account_id)`);

    // One row per budget ("signin:account:<email>", "signin:address:<ip>"...), shared by every process.
    await q.query(`
      CREATE TABLE rate_limit (
        bucket text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient citext NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'es', 'pt', 'fr')),
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz,
        failed_at timestamptz,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        network_id uuid REFERENCES network (id) ON DELETE SET NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_network_idx ON audit_log (network_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'email_outbox',
      'rate_limit',
      'password_reset',
      'invitation',
      'membership',
      'network_partner',
      'network',
      'session',
      'account',
      'person',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const extension of ['pg_trgm', 'unaccent', 'citext', 'pgcrypto']) {
      await q.query(`DROP EXTENSION IF EXISTS ${extension}`);
    }
  }
}
