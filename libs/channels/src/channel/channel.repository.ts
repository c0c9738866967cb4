import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, namedQuery } from '@enlace/core';
import {
  ChannelAccessRow,
  ChannelKind,
  ChannelRow,
  MyChannelRow,
  RawChannel,
  toChannel,
  toChannelAccess,
} from './channel.entity';
import { readableChannelSql } from './channel.visibility';

const CHANNEL_COLUMNS = `c.id, c.network_id, c.kind, c.visibility, c.name, c.language, c.retention_days, c.archived_at,
  c.created_at, c.updated_at,
  (SELECT array_agg(cp.network_id ORDER BY cp.network_id) FROM channel_partner cp WHERE cp.channel_id = c.id) AS partner_network_ids,
  CASE WHEN c.kind IN ('GROUP', 'DIRECT', 'MEETING') THEN
    (SELECT array_agg(np.partner_id ORDER BY np.partner_id) FROM network_partner np WHERE np.network_id = c.network_id)
  END AS owner_partner_ids`;

const STANDING_COLUMNS = `(m.person_id IS NOT NULL) AS named_member, COALESCE(m.can_post, false) AS post_grant,
  r.muted_until, COALESCE(r.last_read_seq, 0) AS last_read_seq`;

@Injectable()
export class ChannelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    tx: EntityManager,
    row: {
      networkId: string;
      kind: ChannelKind;
      visibility: ChannelRow['visibility'];
      name: string;
      /** Null: the network's default language (the table's trigger). */
      language: string | null;
      retentionDays: number | null;
      createdBy: string | null;
    },
  ): Promise<string> {
    const [created] = (await tx.query(
      `INSERT INTO channel (network_id, kind, visibility, name, retention_days, created_by, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [row.networkId, row.kind, row.visibility, row.name, row.retentionDays, row.createdBy, row.language],
    )) as { id: string }[];
    return created.id;
  }

  async addPartners(tx: EntityManager, channelId: string, networkIds: readonly string[]): Promise<void> {
    if (networkIds.length === 0) return;
    await tx.query(
      `INSERT INTO channel_partner (channel_id, network_id) SELECT $1, unnest(CAST($2 AS uuid[])) ON CONFLICT DO NOTHING`,
      [channelId, networkIds],
    );
  }

  /** Adds named members; returns the ids actually added (those already members are left as they are). */
  async addMembers(
    tx: EntityManager,
    channelId: string,
    personIds: readonly string[],
    canPost = true,
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `INSERT INTO channel_member (channel_id, person_id, can_post)
       SELECT $1, unnest(CAST($2 AS uuid[])), $3 ON CONFLICT DO NOTHING RETURNING person_id`,
      [channelId, personIds, canPost],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /** Replaces the partner networks a channel names (a joint meeting's partners changed). */
  async setPartners(tx: EntityManager, channelId: string, networkIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM channel_partner WHERE channel_id = $1 AND NOT (network_id = ANY(CAST($2 AS uuid[])))`, [
      channelId,
      networkIds,
    ]);
    await this.addPartners(tx, channelId, networkIds);
  }

  /** Removes named members; returns the ids actually removed. */
  async removeMembers(tx: EntityManager, channelId: string, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `WITH gone AS (DELETE FROM channel_member WHERE channel_id = $1 AND person_id = ANY(CAST($2 AS uuid[]))
                     RETURNING person_id)
       SELECT person_id FROM gone ORDER BY person_id`,
      [channelId, personIds],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /** A channel by id, with no visibility (what a meeting channel's members are told when it changes). */
  async findById(tx: EntityManager, channelId: string): Promise<ChannelRow | null> {
    const rows = (await tx.query(`SELECT ${CHANNEL_COLUMNS} FROM channel c WHERE c.id = $1`, [
      channelId,
    ])) as RawChannel[];
    return rows[0] ? toChannel(rows[0]) : null;
  }

  /** A channel's kind and owner, locked (no visibility: for a context that keeps the channel's audience). */
  async ownerOf(tx: EntityManager, channelId: string): Promise<{ kind: ChannelKind; networkId: string } | null> {
    const rows = (await tx.query(`SELECT kind, network_id FROM channel WHERE id = $1 FOR UPDATE`, [channelId])) as {
      kind: ChannelKind;
      network_id: string;
    }[];
    return rows[0] ? { kind: rows[0].kind, networkId: rows[0].network_id } : null;
  }

  async removeMember(tx: EntityManager, channelId: string, personId: string): Promise<boolean> {
    const rows = (await tx.query(
      `WITH gone AS (DELETE FROM channel_member WHERE channel_id = $1 AND person_id = $2 RETURNING person_id)
       SELECT person_id FROM gone`,
      [channelId, personId],
    )) as unknown[];
    return rows.length > 0;
  }

  async memberIds(tx: EntityManager | null, channelId: string): Promise<string[]> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT person_id FROM channel_member WHERE channel_id = $1 ORDER BY person_id`,
      [channelId],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  /**
   * The actors `personIds` would be if they asked now (people with an account: their current
   * memberships, the partners of those networks, the platform role), so that a check made for the
   * caller can be made for them with the same predicates (who among the people a message mentions may
   * read its channel). Unknown ids are left out.
   */
  async actorsFor(tx: EntityManager | null, personIds: readonly string[], lang: Actor['lang']): Promise<Actor[]> {
    if (personIds.length === 0) return [];
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT a.id AS account_id, a.person_id, a.is_admin,
              (SELECT json_agg(json_build_object('networkId', m.network_id, 'role', m.role, 'memberState', m.member_state))
                 FROM membership m
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS memberships,
              (SELECT array_agg(DISTINCT np.partner_id)
                 FROM membership m JOIN network_partner np ON np.network_id = m.network_id
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS partner_network_ids
         FROM account a
        WHERE a.person_id = ANY(CAST($1 AS uuid[]))
        ORDER BY a.person_id`,
      [personIds],
    )) as {
      account_id: string;
      person_id: string;
      is_admin: boolean;
      memberships:
        { networkId: string; role: Actor['memberships'][number]['role']; memberState: string | null }[] | null;
      partner_network_ids: string[] | null;
    }[];
    return rows.map((r) => ({
      personId: r.person_id,
      accountId: r.account_id,
      sessionId: null,
      isAdmin: r.is_admin,
      memberships: (r.memberships ?? []).map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
      partnerNetworkIds: r.partner_network_ids ?? [],
      lang,
    }));
  }

  /**
   * Of `personIds`, those who may be named in a working-group or direct channel of `networkId`: a
   * current member of it, or of one of its partner networks (a mixed working group) whom `actor` may
   * see (their person's audience keys: a partner's member hidden from the caller is unknown).
   */
  async nameableMembers(
    tx: EntityManager,
    actor: Actor,
    personIds: readonly string[],
    networkId: string,
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT DISTINCT m.person_id FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.person_id = ANY(CAST($1 AS uuid[]))
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
          AND (m.network_id = $2
               OR (m.network_id IN (SELECT np.partner_id FROM network_partner np WHERE np.network_id = $2)
                   AND p.vis_keys && CAST($3 AS text[])))`,
      [personIds, networkId, audienceKeys(actor)],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  async networkExists(tx: EntityManager, networkId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM network WHERE id = $1`, [networkId])) as unknown[];
    return rows.length > 0;
  }

  /** Of `networkIds`, those that are partners of `networkId`. */
  async partnersAmong(tx: EntityManager, networkId: string, networkIds: readonly string[]): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT partner_id FROM network_partner WHERE network_id = $1 AND partner_id = ANY(CAST($2 AS uuid[]))`,
      [networkId, networkIds],
    )) as { partner_id: string }[];
    return rows.map((r) => r.partner_id);
  }

  /** The channel if `actor` may read it, with the actor's standing; `lock` takes a row lock (FOR UPDATE). */
  async findReadable(
    actor: Actor,
    channelId: string,
    tx?: EntityManager,
    lock = false,
  ): Promise<ChannelAccessRow | null> {
    const readable = readableChannelSql(actor);
    const rows = await namedQuery<RawChannel>(
      tx ?? this.dataSource.manager,
      `SELECT ${CHANNEL_COLUMNS}, ${STANDING_COLUMNS}
         FROM channel c
         LEFT JOIN channel_member m ON m.channel_id = c.id AND m.person_id = CAST(:me AS uuid)
         LEFT JOIN channel_reader r ON r.channel_id = c.id AND r.person_id = CAST(:me AS uuid)
        WHERE c.id = CAST(:id AS uuid) AND ${readable.sql}${lock ? ' FOR UPDATE OF c' : ''}`,
      { ...readable.params, me: actor.personId, id: channelId },
    );
    return rows[0] ? toChannelAccess(rows[0]) : null;
  }

  /**
   * Channels `actor` may read, named-member or not, by name then id (keyset `after`), with unread and
   * mention counts (messages after the read marker, not written by the actor, not deleted).
   */
  async listReadable(
    actor: Actor,
    options: { first: number; after: readonly [string, string] | null; includeArchived: boolean },
  ): Promise<{ rows: MyChannelRow[]; totalCount: number }> {
    const readable = readableChannelSql(actor);
    const archived = options.includeArchived ? '' : ' AND c.archived_at IS NULL';
    const params = { ...readable.params, me: actor.personId };
    const [{ count }] = await namedQuery<{ count: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS count FROM channel c WHERE ${readable.sql}${archived}`,
      params,
    );
    const after = options.after ? ` AND (c.name, c.id) > (CAST(:afterName AS text), CAST(:afterId AS uuid))` : '';
    const rows = await namedQuery<RawChannel>(
      this.dataSource.manager,
      `SELECT ${CHANNEL_COLUMNS}, ${STANDING_COLUMNS},
              (SELECT count(*) FROM channel_message x
                WHERE x.channel_id = c.id AND x.seq > COALESCE(r.last_read_seq, 0)
                  AND x.author_id <> CAST(:me AS uuid) AND x.deleted_at IS NULL) AS unread_count,
              (SELECT count(*) FROM channel_message x
                WHERE x.channel_id = c.id AND x.seq > COALESCE(r.last_read_seq, 0)
                  AND x.author_id <> CAST(:me AS uuid) AND x.deleted_at IS NULL
                  AND CAST(:me AS uuid) = ANY(x.mentions)) AS mention_count
         FROM channel c
         LEFT JOIN channel_member m ON m.channel_id = c.id AND m.person_id = CAST(:me AS uuid)
         LEFT JOIN channel_reader r ON r.channel_id = c.id AND r.person_id = CAST(:me AS uuid)
        WHERE ${readable.sql}${archived}${after}
        ORDER BY c.name, c.id
        LIMIT :limit`,
      { ...params, afterName: options.after?.[0], afterId: options.after?.[1], limit: options.first + 1 },
    );
    return {
      rows: rows.map((r) => ({
        ...toChannelAccess(r),
        unreadCount: Number(r.unread_count ?? 0),
        mentionCount: Number(r.mention_count ?? 0),
      })),
      totalCount: Number(count),
    };
  }

  async unreadCount(tx: EntityManager | null, channelId: string, personId: string): Promise<number> {
    const [row] = (await (tx ?? this.dataSource.manager).query(
      `SELECT count(*) AS count FROM channel_message x
        WHERE x.channel_id = $1 AND x.author_id <> $2 AND x.deleted_at IS NULL
          AND x.seq > COALESCE((SELECT last_read_seq FROM channel_reader WHERE channel_id = $1 AND person_id = $2), 0)`,
      [channelId, personId],
    )) as { count: string }[];
    return Number(row.count);
  }

  /** Moves the read marker forward only (an older message never marks newer ones unread). */
  async markRead(tx: EntityManager, channelId: string, personId: string, seq: string): Promise<void> {
    await tx.query(
      `INSERT INTO channel_reader (channel_id, person_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, person_id)
       DO UPDATE SET last_read_seq = GREATEST(channel_reader.last_read_seq, EXCLUDED.last_read_seq)`,
      [channelId, personId, seq],
    );
  }

  async setMutedUntil(tx: EntityManager, channelId: string, personId: string, until: Date | null): Promise<void> {
    await tx.query(
      `INSERT INTO channel_reader (channel_id, person_id, muted_until) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, person_id) DO UPDATE SET muted_until = EXCLUDED.muted_until`,
      [channelId, personId, until],
    );
  }

  async update(
    tx: EntityManager,
    channelId: string,
    changes: { name?: string; language?: string; retentionDays?: number | null; archived?: boolean },
  ): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [channelId];
    if (changes.name !== undefined) {
      values.push(changes.name);
      sets.push(`name = $${values.length}`);
    }
    // A new language stems the channel's messages again (the table's trigger).
    if (changes.language !== undefined) {
      values.push(changes.language);
      sets.push(`language = $${values.length}`);
    }
    if (changes.retentionDays !== undefined) {
      values.push(changes.retentionDays);
      sets.push(`retention_days = $${values.length}`);
    }
    if (changes.archived !== undefined) sets.push(changes.archived ? 'archived_at = now()' : 'archived_at = NULL');
    await tx.query(
      `UPDATE channel SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      values,
    );
  }

  /** Channels with a retention period, for the purge job (system work: no actor, no visibility). */
  async withRetention(): Promise<{ id: string; retentionDays: number }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, retention_days FROM channel WHERE retention_days IS NOT NULL ORDER BY id`,
    )) as { id: string; retention_days: number }[];
    return rows.map((r) => ({ id: r.id, retentionDays: r.retention_days }));
  }
}
