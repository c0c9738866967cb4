import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, namedQuery, preparedNamedQuery } from '@enlace/core';
import { postableChannelSql, readableChannelSql } from '../channel/channel.visibility';
import { MessageEditRow, MessageRow, RawMessage, toMessage } from './message.entity';

const MESSAGE_COLUMNS = `x.id, x.seq, x.channel_id, x.client_id, x.author_id, p.name AS author_name, x.parent_id,
  x.body, array_to_json(x.mentions) AS mentions, x.pinned_at, x.ack_required, x.created_at, x.edited_at, x.deleted_at,
  (SELECT json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'personIds', g.ids) ORDER BY g.first, g.emoji)
     FROM (SELECT emoji, count(*) AS n, array_agg(person_id ORDER BY created_at, person_id) AS ids, min(created_at) AS first
             FROM channel_reaction WHERE message_id = x.id GROUP BY emoji) g) AS reactions,
  (SELECT count(*) FROM channel_message t WHERE t.parent_id = x.id AND t.deleted_at IS NULL) AS reply_count`;

export interface MessagePageQuery {
  readonly channelId: string;
  /** Only replies to this message (a thread), oldest first; otherwise top-level messages, newest first. */
  readonly threadId?: string;
  readonly first: number;
  /** Keyset: messages strictly older (`before`) or newer (`after`) than this seq. */
  readonly beforeSeq?: string;
  readonly afterSeq?: string;
}

@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager | null): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /**
   * Stores a message once per (channel, author, client id): a retry finds the stored one instead.
   * Returns the id and whether this call created it.
   */
  async insertOnce(
    tx: EntityManager,
    row: {
      channelId: string;
      authorId: string;
      clientId: string;
      parentId: string | null;
      body: string;
      mentions: string[];
    },
  ): Promise<{ id: string; created: boolean }> {
    const inserted = (await tx.query(
      `INSERT INTO channel_message (channel_id, author_id, client_id, parent_id, body, mentions)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS uuid[]))
       ON CONFLICT ON CONSTRAINT channel_message_client_uq DO NOTHING RETURNING id`,
      [row.channelId, row.authorId, row.clientId, row.parentId, row.body, row.mentions],
    )) as { id: string }[];
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const [existing] = (await tx.query(
      `SELECT id FROM channel_message WHERE channel_id = $1 AND author_id = $2 AND client_id = $3`,
      [row.channelId, row.authorId, row.clientId],
    )) as { id: string }[];
    return { id: existing.id, created: false };
  }

  /**
   * A message's hot path, in one autocommit statement: stores it only where `actor` may post now (the
   * channel readable, not archived, posting allowed, the actor not muted; a parent, when given, a
   * message of the channel that is not deleted, whose thread the reply joins), once per (channel,
   * author, client id), and returns it as stored. Null when any of that does not hold or the client id
   * was used already: the caller's full path says why (or finds the stored message). Prepared per
   * shape of actor (`preparedNamedQuery`).
   */
  async insertIfPostable(
    actor: Actor & { personId: string },
    row: { channelId: string; clientId: string; parentId: string | null; body: string; mentions: string[] },
  ): Promise<MessageRow | null> {
    const readable = readableChannelSql(actor);
    const postable = postableChannelSql(actor);
    const rows = await preparedNamedQuery<RawMessage>(
      this.dataSource,
      `WITH target AS (
         SELECT c.id FROM channel c
           LEFT JOIN channel_member m ON m.channel_id = c.id AND m.person_id = CAST(:me AS uuid)
           LEFT JOIN channel_reader r ON r.channel_id = c.id AND r.person_id = CAST(:me AS uuid)
          WHERE c.id = CAST(:channelId AS uuid) AND ${readable.sql} AND c.archived_at IS NULL AND ${postable.sql}
            AND (r.muted_until IS NULL OR r.muted_until <= now())
       ), root AS (
         SELECT COALESCE(q.parent_id, q.id) AS id FROM channel_message q JOIN target t ON t.id = q.channel_id
          WHERE q.id = CAST(:parentId AS uuid) AND q.deleted_at IS NULL
       ), x AS (
         INSERT INTO channel_message (channel_id, author_id, client_id, parent_id, body, mentions)
         SELECT t.id, CAST(:me AS uuid), :clientId, (SELECT id FROM root), :body, CAST(:mentions AS uuid[])
           FROM target t
          WHERE CAST(:parentId AS uuid) IS NULL OR EXISTS (SELECT 1 FROM root)
         ON CONFLICT ON CONSTRAINT channel_message_client_uq DO NOTHING
         RETURNING *
       )
       SELECT ${MESSAGE_COLUMNS} FROM x JOIN person p ON p.id = x.author_id`,
      { ...readable.params, ...postable.params, me: actor.personId, ...row },
    );
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async findById(id: string, tx?: EntityManager | null, lock = false): Promise<MessageRow | null> {
    const rows = (await this.manager(tx).query(
      `SELECT ${MESSAGE_COLUMNS} FROM channel_message x JOIN person p ON p.id = x.author_id WHERE x.id = $1
       ${lock ? 'FOR UPDATE OF x' : ''}`,
      [id],
    )) as RawMessage[];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async page(query: MessagePageQuery): Promise<{ rows: MessageRow[]; totalCount: number }> {
    const values: unknown[] = [query.channelId];
    const where = ['x.channel_id = $1'];
    if (query.threadId) {
      values.push(query.threadId);
      where.push(`x.parent_id = $${values.length}`);
    } else {
      where.push('x.parent_id IS NULL');
    }
    const [{ count }] = (await this.dataSource.query(
      `SELECT count(*) AS count FROM channel_message x WHERE ${where.join(' AND ')}`,
      values,
    )) as { count: string }[];
    let order = 'DESC';
    if (query.beforeSeq !== undefined) {
      values.push(query.beforeSeq);
      where.push(`x.seq < $${values.length}`);
    }
    if (query.afterSeq !== undefined) {
      values.push(query.afterSeq);
      where.push(`x.seq > $${values.length}`);
      order = 'ASC';
    }
    values.push(query.first + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM channel_message x JOIN person p ON p.id = x.author_id
        WHERE ${where.join(' AND ')} ORDER BY x.seq ${order} LIMIT $${values.length}`,
      values,
    )) as RawMessage[];
    return { rows: rows.map(toMessage), totalCount: Number(count) };
  }

  /** Messages of a channel (threads included) after `seq`, oldest first: a reconnecting client's catch-up. */
  async since(channelId: string, seq: string, limit: number): Promise<MessageRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM channel_message x JOIN person p ON p.id = x.author_id
        WHERE x.channel_id = $1 AND x.seq > $2 ORDER BY x.seq LIMIT $3`,
      [channelId, seq, limit],
    )) as RawMessage[];
    return rows.map(toMessage);
  }

  /** Keeps the replaced text in the edit history, then stores the new body. */
  async edit(
    tx: EntityManager,
    message: MessageRow,
    body: string,
    mentions: string[],
    editorId: string,
  ): Promise<void> {
    await tx.query(`INSERT INTO channel_message_edit (message_id, body, replaced_by) VALUES ($1, $2, $3)`, [
      message.id,
      message.body,
      editorId,
    ]);
    await tx.query(
      `UPDATE channel_message SET body = $2, mentions = CAST($3 AS uuid[]), edited_at = now() WHERE id = $1`,
      [message.id, body, mentions],
    );
  }

  /** Deletion keeps the row (threads and cursors stay whole) but not the text, its history or reactions. */
  async softDelete(tx: EntityManager, messageId: string, deletedBy: string): Promise<void> {
    await tx.query(`DELETE FROM channel_message_edit WHERE message_id = $1`, [messageId]);
    await tx.query(`DELETE FROM channel_reaction WHERE message_id = $1`, [messageId]);
    await tx.query(
      `UPDATE channel_message SET body = '', mentions = '{}', pinned_at = NULL, pinned_by = NULL,
              deleted_at = now(), deleted_by = $2 WHERE id = $1`,
      [messageId, deletedBy],
    );
  }

  async edits(messageId: string): Promise<MessageEditRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT body, replaced_at, replaced_by FROM channel_message_edit WHERE message_id = $1 ORDER BY id`,
      [messageId],
    )) as { body: string; replaced_at: Date; replaced_by: string | null }[];
    return rows.map((r) => ({ body: r.body, replacedAt: new Date(r.replaced_at), replacedBy: r.replaced_by }));
  }

  /** True when the reaction set changed. */
  async react(tx: EntityManager, messageId: string, personId: string, emoji: string, add: boolean): Promise<boolean> {
    const rows = (await tx.query(
      add
        ? `INSERT INTO channel_reaction (message_id, person_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING emoji`
        : `WITH gone AS (DELETE FROM channel_reaction WHERE message_id = $1 AND person_id = $2 AND emoji = $3 RETURNING emoji)
           SELECT emoji FROM gone`,
      [messageId, personId, emoji],
    )) as unknown[];
    return rows.length > 0;
  }

  async distinctEmojiCount(tx: EntityManager, messageId: string): Promise<number> {
    const [row] = (await tx.query(`SELECT count(DISTINCT emoji) AS count FROM channel_reaction WHERE message_id = $1`, [
      messageId,
    ])) as { count: string }[];
    return Number(row.count);
  }

  async setPinned(tx: EntityManager, messageId: string, personId: string, pinned: boolean): Promise<void> {
    if (pinned) {
      await tx.query(`UPDATE channel_message SET pinned_at = now(), pinned_by = $2 WHERE id = $1`, [
        messageId,
        personId,
      ]);
    } else {
      await tx.query(`UPDATE channel_message SET pinned_at = NULL, pinned_by = NULL WHERE id = $1`, [messageId]);
    }
  }

  async pinnedCount(tx: EntityManager, channelId: string): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*) AS count FROM channel_message WHERE channel_id = $1 AND pinned_at IS NOT NULL`,
      [channelId],
    )) as { count: string }[];
    return Number(row.count);
  }

  /** A channel's pinned messages, latest pin first (deletion unpins, so none is deleted). */
  async pinned(channelId: string): Promise<MessageRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM channel_message x JOIN person p ON p.id = x.author_id
        WHERE x.channel_id = $1 AND x.pinned_at IS NOT NULL
        ORDER BY x.pinned_at DESC, x.seq DESC`,
      [channelId],
    )) as RawMessage[];
    return rows.map(toMessage);
  }

  /**
   * Full-text search over the messages of every channel `actor` may read, newest first: each word a
   * prefix of a word as written or stemmed in the channel's language, accents folded (indexed: see
   * migration 1732810000000-channel-search). Works on PostgreSQL and PGlite.
   */
  async search(
    actor: Actor,
    options: { text: string; channelId?: string; first: number; beforeSeq?: string },
  ): Promise<{ rows: MessageRow[]; totalCount: number }> {
    const readable = readableChannelSql(actor);
    const params: Record<string, unknown> = { ...readable.params, q: options.text };
    const where = [
      readable.sql,
      'x.deleted_at IS NULL',
      // The index answers the four languages at once; each candidate is then held to its channel's.
      `x.search_vector @@ channel_search_query(CAST(:configs AS regconfig[]), CAST(:q AS text))`,
      `x.search_vector @@ channel_search_query(ARRAY[channel_search_config(c.language)], CAST(:q AS text))`,
    ];
    params.configs = ['english', 'spanish', 'portuguese', 'french'];
    if (options.channelId) {
      params.channelId = options.channelId;
      where.push('x.channel_id = CAST(:channelId AS uuid)');
    }
    const from = `FROM channel_message x JOIN channel c ON c.id = x.channel_id JOIN person p ON p.id = x.author_id`;
    const [{ count }] = await namedQuery<{ count: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS count ${from} WHERE ${where.join(' AND ')}`,
      params,
    );
    if (options.beforeSeq !== undefined) {
      params.beforeSeq = options.beforeSeq;
      where.push('x.seq < CAST(:beforeSeq AS bigint)');
    }
    params.limit = options.first + 1;
    const rows = await namedQuery<RawMessage>(
      this.dataSource.manager,
      `SELECT ${MESSAGE_COLUMNS} ${from} WHERE ${where.join(' AND ')} ORDER BY x.seq DESC LIMIT :limit`,
      params,
    );
    return { rows: rows.map(toMessage), totalCount: Number(count) };
  }

  /** Deletes a channel's messages older than `days` days (the retention job); returns how many. */
  async purgeOlderThan(channelId: string, days: number): Promise<number> {
    // A CTE, so that the driver answers rows (a bare DELETE … RETURNING comes back as [rows, count]).
    const [row] = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM channel_message
                      WHERE channel_id = $1 AND created_at < now() - make_interval(days => $2) RETURNING id)
       SELECT count(*) AS count FROM gone`,
      [channelId, days],
    )) as { count: string }[];
    return Number(row.count);
  }
}
