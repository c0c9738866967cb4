import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message search in each channel's language (issue 14): a channel has a language (`en`, `es`, `pt`,
 * `fr`; its network's default when none is given), and each message keeps its words both stemmed in
 * that language (Snowball: "relatório" and "relatórios" are one word in Portuguese) and as written
 * (`simple`), accents folded, in `channel_message.search_vector` (a trigger keeps it; an index covers
 * the messages not deleted). A search word matches as a prefix of either ("inform" finds "informe").
 *
 * `channel_search_query(configs, text)` turns what a person typed into one tsquery: each word (two
 * characters or more) as a prefix, stemmed in each of `configs` or as written, every word required.
 * The repository asks with the four languages at once, which the index answers, then checks each
 * candidate against its own channel's language.
 *
 * PGlite has the Snowball configurations and unaccent, so this runs on both engines. A pinned
 * message's list reads a partial index of the pins.
 */
export class ChannelSearch1732810000000 implements MigrationInterface {
  name = 'ChannelSearch1732810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel ADD COLUMN language text CHECK (language IN ('en', 'es', 'pt', 'fr'))`);
    await q.query(`UPDATE channel c SET language = n.default_language FROM network n WHERE n.id = c.network_id`);
    await q.query(`ALTER TABLE channel ALTER COLUMN language SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION channel_default_language() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.language IS NULL THEN
          SELECT default_language INTO NEW.language FROM network WHERE id = NEW.network_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER channel_default_language BEFORE INSERT ON channel
        FOR EACH ROW EXECUTE FUNCTION channel_default_language()`);

    await q.query(`
      CREATE FUNCTION channel_search_config(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig
                                   WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'fr' THEN 'french'::regconfig
                                   ELSE 'simple'::regconfig END $$`);
    await q.query(`
      CREATE FUNCTION channel_search_document(language text, body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector(channel_search_config(language), public.unaccent('public.unaccent'::regdictionary, body))
                  || to_tsvector('simple', public.unaccent('public.unaccent'::regdictionary, body)) $$`);
    await q.query(`
      CREATE FUNCTION channel_search_query(configs regconfig[], input text) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        word text;
        config regconfig;
        term tsquery;
        result tsquery;
      BEGIN
        FOR word IN
          SELECT w FROM regexp_split_to_table(lower(public.unaccent('public.unaccent'::regdictionary, input)), '[^[:alnum:]]+') AS w
           WHERE char_length(w) >= 2
        LOOP
          term := to_tsquery('simple', quote_literal(word) || ':*');
          FOREACH config IN ARRAY configs LOOP
            term := term || to_tsquery(config, quote_literal(word) || ':*');
          END LOOP;
          result := CASE WHEN result IS NULL THEN term ELSE result && term END;
        END LOOP;
        RETURN COALESCE(result, ''::tsquery);
      END $$`);

    await q.query(`ALTER TABLE channel_message ADD COLUMN search_vector tsvector`);
    await q.query(`
      CREATE FUNCTION channel_message_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := channel_search_document((SELECT language FROM channel WHERE id = NEW.channel_id), NEW.body);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER channel_message_search_vector BEFORE INSERT OR UPDATE OF body ON channel_message
        FOR EACH ROW EXECUTE FUNCTION channel_message_search_vector()`);
    // A channel whose language changes has its messages' words stemmed again.
    await q.query(`
      CREATE FUNCTION channel_language_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE channel_message SET search_vector = channel_search_document(NEW.language, body) WHERE channel_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER channel_language_changed AFTER UPDATE OF language ON channel
        FOR EACH ROW WHEN (OLD.language IS DISTINCT FROM NEW.language) EXECUTE FUNCTION channel_language_changed()`);
    await q.query(`
      UPDATE channel_message x SET search_vector = channel_search_document(c.language, x.body)
        FROM channel c WHERE c.id = x.channel_id`);
    await q.query(`DROP INDEX IF EXISTS channel_message_search_idx`);
    await q.query(
      `CREATE INDEX channel_message_search_idx ON channel_message USING gin (search_vector) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX channel_message_pinned_idx ON channel_message (channel_id, pinned_at DESC) WHERE pinned_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS channel_message_pinned_idx`);
    await q.query(`DROP INDEX IF EXISTS channel_message_search_idx`);
    await q.query(`DROP TRIGGER IF EXISTS channel_language_changed ON channel`);
    await q.query(`DROP FUNCTION IF EXISTS channel_language_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS channel_message_search_vector ON channel_message`);
    await q.query(`DROP FUNCTION IF EXISTS channel_message_search_vector()`);
    await q.query(`ALTER TABLE channel_message DROP COLUMN IF EXISTS search_vector`);
    await q.query(`DROP FUNCTION IF EXISTS channel_search_query(regconfig[], text)`);
    await q.query(`DROP FUNCTION IF EXISTS channel_search_document(text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS channel_search_config(text)`);
    await q.query(`DROP TRIGGER IF EXISTS channel_default_language ON channel`);
    await q.query(`DROP FUNCTION IF EXISTS channel_default_language()`);
    await q.query(`ALTER TABLE channel DROP COLUMN IF EXISTS language`);
    // The index of the first channels migration, on its own functions (which it keeps).
    await q.query(
      `CREATE INDEX channel_message_search_idx ON channel_message USING gin (channel_search_vector(body)) WHERE deleted_at IS NULL`,
    );
  }
}
