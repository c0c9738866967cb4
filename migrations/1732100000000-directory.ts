import { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRIES_1732100000000 } from './reference/countries-1732100000000';

const VISIBILITY = `text NOT NULL DEFAULT 'NETWORK' CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'))`;

/**
 * The focal-point directory: countries (ISO 3166-1 codes, names in en/es/pt/fr and a UN M49 region,
 * frozen in `reference/countries-1732100000000.ts`: this migration never reads an installed package),
 * member states of networks, organisations, the rest of a person's record (title, organisation,
 * country, languages, contact details with their own visibility, external reference, erasure),
 * handover links between terms, typed and dated relationships, and search documents.
 *
 * Search: each person, organisation and country keeps `search_text`, its names folded to lowercase
 * without accents (`directory_fold`, an IMMUTABLE wrapper around unaccent), maintained by triggers,
 * with a generated `tsvector` (`simple` configuration: no stemming, names are not prose) under a GIN
 * index for word-prefix matching, and a trigram GIN index for fuzzy matching.
 */
export class Directory1732100000000 implements MigrationInterface {
  name = 'Directory1732100000000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is STABLE (it reads its dictionary from the search path); naming the dictionary
    // makes the result depend on the argument only, so the wrapper may be IMMUTABLE and indexed.
    await q.query(`
      CREATE FUNCTION directory_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);
    await q.query(`
      CREATE FUNCTION directory_texts(value jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(string_agg(t.value ->> 'text', ' '), '') FROM jsonb_each(coalesce(value, '{}'::jsonb)) t $$`);

    await q.query(`
      CREATE TABLE country (
        code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        alpha3 char(3) NOT NULL,
        region text NOT NULL CHECK (region IN ('AFRICA', 'AMERICAS', 'ASIA', 'EUROPE', 'OCEANIA', 'ANTARCTICA')),
        names jsonb NOT NULL CHECK (jsonb_typeof(names) = 'object'),
        search_text text NOT NULL,
        search_doc tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED
      )`);
    await q.query(`CREATE INDEX country_search_doc_idx ON country USING gin (search_doc)`);
    const rows: unknown[] = [];
    const values: string[] = [];
    for (const [code, alpha3, region, names] of COUNTRIES_1732100000000) {
      const n = rows.length;
      values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::jsonb)`);
      rows.push(code, alpha3, region, JSON.stringify(names));
    }
    await q.query(
      `INSERT INTO country (code, alpha3, region, names, search_text)
       SELECT v.code, v.alpha3, v.region, v.names,
              directory_fold(concat_ws(' ', v.code, v.alpha3, v.names ->> 'en', v.names ->> 'es', v.names ->> 'pt', v.names ->> 'fr'))
       FROM (VALUES ${values.join(', ')}) AS v (code, alpha3, region, names)`,
      rows,
    );

    await q.query(`
      CREATE TABLE member_state (
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        country_code char(2) NOT NULL REFERENCES country (code),
        joined_on date NOT NULL DEFAULT current_date,
        left_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (network_id, country_code),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);

    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL
          CHECK (type IN ('GOVERNMENT', 'CIVIL_SOCIETY', 'INTERGOVERNMENTAL', 'UN', 'ACADEMIC', 'OTHER')),
        name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name <> '{}'::jsonb),
        acronym text CHECK (char_length(acronym) BETWEEN 1 AND 40),
        country_code char(2) REFERENCES country (code),
        parent_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        search_text text NOT NULL DEFAULT '',
        search_doc tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX organisation_search_doc_idx ON organisation USING gin (search_doc)`);
    await q.query(`CREATE INDEX organisation_search_trgm_idx ON organisation USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX organisation_parent_idx ON organisation (parent_id)`);
    await q.query(`
      CREATE FUNCTION directory_organisation_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := directory_fold(concat_ws(' ', directory_texts(NEW.name), NEW.acronym,
          (SELECT c.search_text FROM country c WHERE c.code = NEW.country_code)));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER organisation_search BEFORE INSERT OR UPDATE OF name, acronym, country_code ON organisation
        FOR EACH ROW EXECUTE FUNCTION directory_organisation_search()`);

    await q.query(`
      ALTER TABLE person
        ADD COLUMN honorific text CHECK (char_length(honorific) <= 40),
        ADD COLUMN job_title text CHECK (char_length(job_title) <= 200),
        ADD COLUMN organisation_id uuid REFERENCES organisation (id) ON DELETE SET NULL,
        ADD COLUMN country_code char(2) REFERENCES country (code),
        ADD COLUMN languages text[] NOT NULL DEFAULT '{}'
          CHECK (languages <@ ARRAY['en', 'es', 'pt', 'fr']::text[]),
        ADD COLUMN external_ref text CHECK (char_length(external_ref) BETWEEN 1 AND 100),
        ADD COLUMN erased_at timestamptz,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN search_text text NOT NULL DEFAULT '',
        ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED`);
    await q.query(`CREATE UNIQUE INDEX person_external_ref_uq ON person (lower(external_ref))`);
    await q.query(`CREATE INDEX person_organisation_idx ON person (organisation_id)`);
    await q.query(`CREATE INDEX person_country_idx ON person (country_code)`);
    await q.query(`CREATE INDEX person_name_idx ON person (name, id)`);
    await q.query(`CREATE INDEX person_search_doc_idx ON person USING gin (search_doc)`);
    await q.query(`CREATE INDEX person_search_trgm_idx ON person USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE FUNCTION directory_person_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := directory_fold(concat_ws(' ', NEW.name, NEW.honorific, NEW.job_title,
          (SELECT o.search_text FROM organisation o WHERE o.id = NEW.organisation_id),
          (SELECT c.search_text FROM country c WHERE c.code = NEW.country_code)));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER person_search BEFORE INSERT OR UPDATE ON person
        FOR EACH ROW EXECUTE FUNCTION directory_person_search()`);
    // An organisation's new name reaches the search documents of its people.
    await q.query(`
      CREATE FUNCTION directory_organisation_people() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
          UPDATE person SET search_text = search_text WHERE organisation_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER organisation_people AFTER UPDATE ON organisation
        FOR EACH ROW EXECUTE FUNCTION directory_organisation_people()`);
    // People who existed before the directory get their documents.
    await q.query(`UPDATE person SET search_text = search_text`);

    await q.query(`
      CREATE TABLE person_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
        value text NOT NULL CHECK (char_length(value) BETWEEN 3 AND 254),
        label text CHECK (char_length(label) <= 60),
        visibility ${VISIBILITY},
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_contact_person_idx ON person_contact (person_id, position)`);
    await q.query(`CREATE UNIQUE INDEX person_contact_email_uq ON person_contact (lower(value)) WHERE kind = 'EMAIL'`);

    // A term opened by a handover points at the term it ended: "who was, and when" as a chain.
    await q.query(`ALTER TABLE membership ADD COLUMN succeeds_id uuid REFERENCES membership (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX membership_state_idx ON membership (network_id, member_state, role, starts_on DESC)`);
    // Searching a country's name finds the people representing it, in any network.
    await q.query(
      `CREATE INDEX membership_member_state_idx ON membership (member_state) WHERE member_state IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE directory_relationship (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('WORKS_FOR', 'REPRESENTS', 'PARTNERS_WITH', 'REPORTS_TO')),
        from_person_id uuid REFERENCES person (id) ON DELETE CASCADE,
        from_organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        to_person_id uuid REFERENCES person (id) ON DELETE CASCADE,
        to_organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        starts_on date,
        ends_on date,
        visibility ${VISIBILITY},
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(from_person_id, from_organisation_id) = 1),
        CHECK (num_nonnulls(to_person_id, to_organisation_id) = 1),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX relationship_from_person_idx ON directory_relationship (from_person_id)`);
    await q.query(`CREATE INDEX relationship_to_person_idx ON directory_relationship (to_person_id)`);
    await q.query(`CREATE INDEX relationship_from_org_idx ON directory_relationship (from_organisation_id)`);
    await q.query(`CREATE INDEX relationship_to_org_idx ON directory_relationship (to_organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS directory_relationship`);
    await q.query(`DROP INDEX IF EXISTS membership_member_state_idx`);
    await q.query(`DROP INDEX IF EXISTS membership_state_idx`);
    await q.query(`ALTER TABLE membership DROP COLUMN IF EXISTS succeeds_id`);
    await q.query(`DROP TABLE IF EXISTS person_contact`);
    await q.query(`DROP TRIGGER IF EXISTS organisation_people ON organisation`);
    await q.query(`DROP TRIGGER IF EXISTS person_search ON person`);
    await q.query(`DROP FUNCTION IF EXISTS directory_organisation_people()`);
    await q.query(`DROP FUNCTION IF EXISTS directory_person_search()`);
    for (const index of [
      'person_external_ref_uq',
      'person_organisation_idx',
      'person_country_idx',
      'person_name_idx',
      'person_search_doc_idx',
      'person_search_trgm_idx',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`
      ALTER TABLE person
        DROP COLUMN IF EXISTS search_doc, DROP COLUMN IF EXISTS search_text, DROP COLUMN IF EXISTS version,
        DROP COLUMN IF EXISTS erased_at, DROP COLUMN IF EXISTS external_ref, DROP COLUMN IF EXISTS languages,
        DROP COLUMN IF EXISTS country_code, DROP COLUMN IF EXISTS organisation_id, DROP COLUMN IF EXISTS job_title,
        DROP COLUMN IF EXISTS honorific`);
    await q.query(`DROP TABLE IF EXISTS organisation`);
    await q.query(`DROP FUNCTION IF EXISTS directory_organisation_search()`);
    await q.query(`DROP TABLE IF EXISTS member_state`);
    await q.query(`DROP TABLE IF EXISTS country`);
    await q.query(`DROP FUNCTION IF EXISTS directory_texts(jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS directory_fold(text)`);
  }
}
