import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/**
 * What channels hold about one person, for their own export: the channels they are a member or a
 * reader of (read marker, mute), the messages they wrote with every earlier version, their
 * reactions, and the official notices they acknowledged. Other people's messages are theirs, not
 * this person's.
 */
@Injectable()
export class ChannelsPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    const messages = await rows(
      `SELECT m.id, m.channel_id AS "channelId", m.parent_id AS "parentId", m.client_id AS "clientId", m.body,
              m.mentions, m.pinned_at AS "pinnedAt", m.created_at AS "createdAt", m.edited_at AS "editedAt",
              m.deleted_at AS "deletedAt"
       FROM channel_message m WHERE m.author_id = $1 ORDER BY m.seq`,
    );
    const edits = (await rows(
      `SELECT e.message_id AS "messageId", e.body, e.replaced_at AS "replacedAt"
       FROM channel_message_edit e JOIN channel_message m ON m.id = e.message_id
       WHERE m.author_id = $1 ORDER BY e.id`,
    )) as Array<{ messageId: string; body: string; replacedAt: Date }>;
    const editsOf = new Map<string, Array<{ body: string; replacedAt: Date }>>();
    for (const { messageId, ...edit } of edits) editsOf.set(messageId, [...(editsOf.get(messageId) ?? []), edit]);
    return {
      channels: await rows(
        `SELECT c.id AS "channelId", c.name, c.kind, cm.added_at AS "memberSince", cm.can_post AS "canPost",
                r.last_read_seq::text AS "lastReadPosition", r.muted_until AS "mutedUntil"
         FROM channel c
         LEFT JOIN channel_member cm ON cm.channel_id = c.id AND cm.person_id = $1
         LEFT JOIN channel_reader r ON r.channel_id = c.id AND r.person_id = $1
         WHERE cm.person_id IS NOT NULL OR r.person_id IS NOT NULL
         ORDER BY c.created_at, c.id`,
      ),
      messages: messages.map((m) => ({ ...m, edits: editsOf.get(m.id as string) ?? [] })),
      reactions: await rows(
        `SELECT message_id AS "messageId", emoji, created_at AS "createdAt"
         FROM channel_reaction WHERE person_id = $1 ORDER BY created_at, message_id, emoji`,
      ),
      acknowledgements: await rows(
        `SELECT message_id AS "messageId", acknowledged_at AS "acknowledgedAt"
         FROM channel_message_ack WHERE person_id = $1 ORDER BY acknowledged_at, message_id`,
      ),
    };
  }
}
