import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live discussion channels: channels owned by a network (network-wide, working group, joint with
 * partner networks, direct), their named members, each person's read marker and mute, messages (with
 * thread replies, mentions, pins, soft deletion), the previous versions of edited messages, and
 * reactions. `channel_message.seq` orders messages for cursors, unread counts and "since" catch-up.
 */
export class Channels1732300000000 implements MigrationInterface {
  name = 'Channels1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('NETWORK', 'GROUP', 'JOINT', 'DIRECT')),
        visibility text NOT NULL CHECK (visibility IN ('NETWORK', 'PARTNERS', 'RESTRICTED')),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        retention_days integer CHECK (retention_days BETWEEN 1 AND 3650),
        archived_at timestamptz,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX channel_network_idx ON channel (network_id)`);

    // A joint channel's partner networks: their current members take part alongside the owner's.
    await q.query(`
      CREATE TABLE channel_partner (
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        PRIMARY KEY (channel_id, network_id)
      )`);
    await q.query(`CREATE INDEX channel_partner_network_idx ON channel_partner (network_id)`);

    // Named members of working-group and direct channels; `can_post` is the explicit grant observers need.
    await q.query(`
      CREATE TABLE channel_member (
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        can_post boolean NOT NULL DEFAULT true,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, person_id)
      )`);
    await q.query(`CREATE INDEX channel_member_person_idx ON channel_member (person_id)`);

    // Each reader's state in a channel (any kind): read marker and moderation mute.
    await q.query(`
      CREATE TABLE channel_reader (
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL DEFAULT 0,
        muted_until timestamptz,
        PRIMARY KEY (channel_id, person_id)
      )`);

    await q.query(`
      CREATE TABLE channel_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        client_id text NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 64),
        parent_id uuid REFERENCES channel_message (id) ON DELETE CASCADE,
        body text NOT NULL CHECK (char_length(body) <= 4000),
        mentions uuid[] NOT NULL DEFAULT '{}',
        pinned_at timestamptz,
        pinned_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        deleted_by uuid REFERENCES person (id) ON DELETE SET NULL,
        CONSTRAINT channel_message_client_uq UNIQUE (channel_id, author_id, client_id)
      )`);
    await q.query(`CREATE INDEX channel_message_channel_idx ON channel_message (channel_id, seq DESC)`);
    await q.query(
      `CREATE INDEX channel_message_thread_idx ON channel_message (parent_id, seq) WHERE parent_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX channel_message_created_idx ON channel_message (created_at)`);
    // Search folds accents (Perú = Peru); unaccent() is not immutable, so an immutable wrapper makes it indexable.
    await q.query(`
      CREATE FUNCTION channel_search_vector(body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('simple', public.unaccent('public.unaccent', body)) $$`);
    await q.query(`
      CREATE FUNCTION channel_search_query(text text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT plainto_tsquery('simple', public.unaccent('public.unaccent', text)) $$`);
    await q.query(
      `CREATE INDEX channel_message_search_idx ON channel_message USING gin (channel_search_vector(body)) WHERE deleted_at IS NULL`,
    );

    // Previous versions of edited messages (moderators read them).
    await q.query(`
      CREATE TABLE channel_message_edit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES channel_message (id) ON DELETE CASCADE,
        body text NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now(),
        replaced_by uuid REFERENCES person (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX channel_message_edit_message_idx ON channel_message_edit (message_id, id)`);

    await q.query(`
      CREATE TABLE channel_reaction (
        message_id uuid NOT NULL REFERENCES channel_message (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        emoji text NOT NULL CHECK (char_length(emoji) BETWEEN 1 AND 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, person_id, emoji)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'channel_reaction',
      'channel_message_edit',
      'channel_message',
      'channel_reader',
      'channel_member',
      'channel_partner',
      'channel',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS channel_search_query(text)`);
    await q.query(`DROP FUNCTION IF EXISTS channel_search_vector(text)`);
  }
}
