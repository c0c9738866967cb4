import { MigrationInterface, QueryRunner } from 'typeorm';

/** The visibilities from the broadest to the narrowest. */
const ORDER = `ARRAY['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED']`;

/**
 * Who may see a person, kept on the person as audience keys, so that a search finds the people its
 * caller may see in the same index scan that finds the words (docs/decisions/0014).
 *
 * A record's keys name who SPEC §3 lets see it: `*` for PUBLIC, `p:<network>` and `a` for PARTNERS
 * (members of the network and of its partners, administrators), `n:<network>` and `a` for NETWORK,
 * `s:<network>` for RESTRICTED (the secretariat), `u:<person>` for each participant
 * (`visibility_keys`). A caller holds `*`, `u:<own id>`, `a` when administrator, `n:` and `p:` for
 * each network of a current membership, `s:` for each secretariat and `p:` for each partner of those
 * networks (`audienceKeys` in libs/core/src/actor/visibility.ts); they may see the record when the
 * two sets meet.
 *
 * A person is visible to themself, to whoever may see one of their memberships (its own visibility
 * and its network's, past terms included) and, when they hold none, to administrators. For the
 * network's rule its members are its participants, so a RESTRICTED network reads like a NETWORK one;
 * both rules hold exactly when the narrower of the two does, because whoever holds `s:` holds `n:`
 * and whoever holds `n:` holds `p:`. A person's keys are therefore `u:<id>`, the keys of the narrower
 * visibility of each membership, and `a` when there is no membership (`directory_person_keys`).
 *
 * Triggers keep the keys exact in the transaction of every change that moves them: a membership
 * added, removed, moved or given another visibility, a network given another visibility (a network
 * deleted deletes its memberships). Partnerships and terms change what a caller holds, not a
 * person's keys. Statement triggers with transition tables do it once per statement, so a bulk
 * import recomputes each person once.
 *
 * The search indexes hold the keys beside the words (`gin (search_doc, vis_keys)`, and the trigram
 * variant for the fuzzy retry): both columns have GIN operator classes of their own (tsvector,
 * pg_trgm, arrays), so no btree_gin is needed, here or on PGlite.
 *
 * pg_trgm estimates `<%` by running it on the column's most common values and histogram: with the
 * default statistics, ~200 word similarities of long search texts for each fuzzy word of each
 * statement, planned on every search (2–4 ms). Ten sampled values keep the estimate and drop the cost.
 */
export class VisibilityKeys1732600000000 implements MigrationInterface {
  name = 'VisibilityKeys1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION visibility_keys(network uuid, visibility text) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE visibility
          WHEN 'PUBLIC' THEN ARRAY['*']
          WHEN 'PARTNERS' THEN ARRAY['p:' || network, 'a']
          WHEN 'NETWORK' THEN ARRAY['n:' || network, 'a']
          WHEN 'RESTRICTED' THEN ARRAY['s:' || network]
          ELSE ARRAY[]::text[] END $$`);
    // A membership's keys: the narrower of its own visibility and its network's (RESTRICTED reads as NETWORK).
    await q.query(`
      CREATE FUNCTION directory_membership_keys(network uuid, membership_visibility text, network_visibility text)
        RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT visibility_keys(network, (${ORDER})[greatest(
          array_position(${ORDER}, membership_visibility), least(array_position(${ORDER}, network_visibility), 3))]) $$`);
    await q.query(`
      CREATE FUNCTION directory_person_keys(person uuid) RETURNS text[]
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT ARRAY['u:' || person] || CASE
          WHEN NOT EXISTS (SELECT 1 FROM membership m WHERE m.person_id = person) THEN ARRAY['a']
          ELSE (SELECT array_agg(DISTINCT k ORDER BY k)
                  FROM membership m JOIN network n ON n.id = m.network_id,
                       unnest(directory_membership_keys(m.network_id, m.visibility, n.visibility)) k
                 WHERE m.person_id = person) END $$`);

    await q.query(`ALTER TABLE person ADD COLUMN vis_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE FUNCTION directory_person_keys_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.vis_keys := directory_person_keys(NEW.id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER person_keys BEFORE INSERT ON person
        FOR EACH ROW EXECUTE FUNCTION directory_person_keys_on_insert()`);
    // Recomputes the keys of the people in the statement's transition table `changed (person_id)`.
    await q.query(`
      CREATE FUNCTION directory_refresh_person_keys(people uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE person p SET vis_keys = k.keys
          FROM (SELECT id, directory_person_keys(id) AS keys FROM unnest(people) AS id) k
         WHERE p.id = k.id AND p.vis_keys IS DISTINCT FROM k.keys $$`);
    await q.query(`
      CREATE FUNCTION directory_membership_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM directory_refresh_person_keys(ARRAY(SELECT DISTINCT person_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM directory_refresh_person_keys(ARRAY(SELECT DISTINCT person_id FROM old_rows));
        ELSE
          PERFORM directory_refresh_person_keys(ARRAY(
            SELECT DISTINCT unnest(ARRAY[o.person_id, n.person_id])
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.person_id, o.network_id, o.visibility) IS DISTINCT FROM (n.person_id, n.network_id, n.visibility)));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER membership_keys_insert AFTER INSERT ON membership REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_membership_keys_changed()`);
    await q.query(`
      CREATE TRIGGER membership_keys_update AFTER UPDATE ON membership
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_membership_keys_changed()`);
    await q.query(`
      CREATE TRIGGER membership_keys_delete AFTER DELETE ON membership REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_membership_keys_changed()`);
    await q.query(`
      CREATE FUNCTION directory_network_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM directory_refresh_person_keys(ARRAY(
          SELECT DISTINCT m.person_id
            FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN membership m ON m.network_id = n.id
           WHERE o.visibility IS DISTINCT FROM n.visibility));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER network_keys_update AFTER UPDATE ON network
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION directory_network_keys_changed()`);
    await q.query(`UPDATE person SET vis_keys = directory_person_keys(id)`);

    // The keys beside the words. A change of keys alone no longer re-folds the search text.
    await q.query(`DROP INDEX person_search_doc_idx`);
    await q.query(`DROP INDEX person_search_trgm_idx`);
    await q.query(`CREATE INDEX person_search_doc_idx ON person USING gin (search_doc, vis_keys)`);
    await q.query(`CREATE INDEX person_search_trgm_idx ON person USING gin (search_text gin_trgm_ops, vis_keys)`);
    await q.query(`ALTER TABLE person ALTER COLUMN search_text SET STATISTICS 10`);
    await q.query(`ALTER TABLE organisation ALTER COLUMN search_text SET STATISTICS 10`);
    await q.query(`DROP TRIGGER person_search ON person`);
    await q.query(`
      CREATE TRIGGER person_search
        BEFORE INSERT OR UPDATE OF name, honorific, job_title, organisation_id, country_code, search_text ON person
        FOR EACH ROW EXECUTE FUNCTION directory_person_search()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation ALTER COLUMN search_text SET STATISTICS -1`);
    await q.query(`ALTER TABLE person ALTER COLUMN search_text SET STATISTICS -1`);
    await q.query(`DROP TRIGGER IF EXISTS person_search ON person`);
    await q.query(`
      CREATE TRIGGER person_search BEFORE INSERT OR UPDATE ON person
        FOR EACH ROW EXECUTE FUNCTION directory_person_search()`);
    await q.query(`DROP INDEX IF EXISTS person_search_trgm_idx`);
    await q.query(`DROP INDEX IF EXISTS person_search_doc_idx`);
    await q.query(`CREATE INDEX person_search_doc_idx ON person USING gin (search_doc)`);
    await q.query(`CREATE INDEX person_search_trgm_idx ON person USING gin (search_text gin_trgm_ops)`);
    await q.query(`DROP TRIGGER IF EXISTS network_keys_update ON network`);
    await q.query(`DROP TRIGGER IF EXISTS membership_keys_delete ON membership`);
    await q.query(`DROP TRIGGER IF EXISTS membership_keys_update ON membership`);
    await q.query(`DROP TRIGGER IF EXISTS membership_keys_insert ON membership`);
    await q.query(`DROP TRIGGER IF EXISTS person_keys ON person`);
    await q.query(`DROP FUNCTION IF EXISTS directory_network_keys_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS directory_membership_keys_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS directory_refresh_person_keys(uuid[])`);
    await q.query(`DROP FUNCTION IF EXISTS directory_person_keys_on_insert()`);
    await q.query(`ALTER TABLE person DROP COLUMN IF EXISTS vis_keys`);
    await q.query(`DROP FUNCTION IF EXISTS directory_person_keys(uuid)`);
    await q.query(`DROP FUNCTION IF EXISTS directory_membership_keys(uuid, text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS visibility_keys(uuid, text)`);
  }
}
