export interface ReactionRow {
  readonly emoji: string;
  readonly count: number;
  readonly personIds: string[];
}

/** One message (table `channel_message`); `seq` orders a channel's messages (cursors, unread counts, catch-up). */
export interface MessageRow {
  readonly id: string;
  /** bigint: read as a string. */
  readonly seq: string;
  readonly channelId: string;
  readonly clientId: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly parentId: string | null;
  readonly body: string;
  readonly mentions: string[];
  readonly pinnedAt: Date | null;
  /** An official notice: its readers are asked to acknowledge it. */
  readonly ackRequired: boolean;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
  readonly deletedAt: Date | null;
  readonly reactions: ReactionRow[];
  readonly replyCount: number;
}

export interface MessageEditRow {
  readonly body: string;
  readonly replacedAt: Date;
  readonly replacedBy: string | null;
}

/** A message row as the repository's SQL returns it (snake_case columns, reactions as JSON). */
export interface RawMessage {
  id: string;
  seq: string;
  channel_id: string;
  client_id: string;
  author_id: string;
  author_name: string;
  parent_id: string | null;
  body: string;
  mentions: string[] | null;
  pinned_at: Date | null;
  ack_required?: boolean | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  reactions: ReactionRow[] | null;
  reply_count: string | number;
}

export function toMessage(r: RawMessage): MessageRow {
  return {
    id: r.id,
    seq: String(r.seq),
    channelId: r.channel_id,
    clientId: r.client_id,
    authorId: r.author_id,
    authorName: r.author_name,
    parentId: r.parent_id,
    body: r.body,
    mentions: r.mentions ?? [],
    pinnedAt: r.pinned_at ? new Date(r.pinned_at) : null,
    ackRequired: r.ack_required === true,
    createdAt: new Date(r.created_at),
    editedAt: r.edited_at ? new Date(r.edited_at) : null,
    deletedAt: r.deleted_at ? new Date(r.deleted_at) : null,
    reactions: (r.reactions ?? []).map((g) => ({ emoji: g.emoji, count: Number(g.count), personIds: g.personIds })),
    replyCount: Number(r.reply_count ?? 0),
  };
}

/** The plain JSON shape live transports send (SPEC §5): timestamps in ISO 8601 UTC. */
export interface MessageView {
  readonly id: string;
  readonly channelId: string;
  readonly clientId: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly body: string;
  readonly parentId: string | null;
  readonly mentions: readonly string[];
  readonly pinned: boolean;
  /** An official notice, which its readers acknowledge (`acknowledgeNotice`). */
  readonly requiresAcknowledgement: boolean;
  readonly replyCount: number;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deletedAt: string | null;
  readonly reactions: readonly {
    readonly emoji: string;
    readonly count: number;
    readonly personIds: readonly string[];
  }[];
}

export function messageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    channelId: m.channelId,
    clientId: m.clientId,
    author: { id: m.authorId, name: m.authorName },
    body: m.deletedAt ? '' : m.body,
    parentId: m.parentId,
    mentions: m.mentions,
    pinned: m.pinnedAt !== null,
    requiresAcknowledgement: m.ackRequired,
    replyCount: m.replyCount,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    reactions: m.reactions,
  };
}
