import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  decodeCursorKey,
  DomainError,
  encodeCursor,
  isUuid,
  LiveBus,
  Page,
  pageRequest,
  requirePerson,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { channelView, ChannelView } from '../channel/channel.entity';
import { ChannelRepository } from '../channel/channel.repository';
import { ChannelService } from '../channel/channel.service';
import {
  CATCH_UP_LIMIT,
  checkBody,
  checkClientId,
  checkEmoji,
  extractMentions,
  MAX_DISTINCT_REACTIONS,
  MAX_PINNED_MESSAGES,
} from '../channels-rules';
import { MessageEditRow, messageView, MessageView, MessageRow } from './message.entity';
import { MentionNoticeService } from './mention-notice.service';
import { MessageRepository } from './message.repository';

export interface SendMessageCommand {
  readonly channelId: unknown;
  readonly clientId: unknown;
  readonly body: unknown;
  readonly parentId?: unknown;
}

export interface MessagesQuery {
  readonly channelId: string;
  readonly threadId?: string | null;
  readonly first?: number | null;
  /** Older than this cursor. */
  readonly after?: string | null;
  /** Newer than this cursor. */
  readonly before?: string | null;
  /** A page centred on this message (half newer, half older). */
  readonly around?: string | null;
}

export interface JoinResult {
  readonly channel: ChannelView;
  readonly unreadCount: number;
  /** With a `since` message id: what came after it (oldest first), at most CATCH_UP_LIMIT. */
  readonly missed?: readonly MessageView[];
  readonly hasMoreMissed?: boolean;
}

/** A message cursor: the message's `seq` (a bigint as decimal digits). */
function seqCursor(cursor: string, field: string): string {
  return decodeCursorKey(cursor, ['bigint'] as const, field)[0];
}

/**
 * Messages: every write is authorised against the actor's current memberships, committed, and only
 * then published on the LiveBus (a retried send with the same client id publishes nothing).
 */
@Injectable()
export class MessageService {
  constructor(
    private readonly channelService: ChannelService,
    private readonly channels: ChannelRepository,
    private readonly messages: MessageRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
    private readonly mentionNotices: MentionNoticeService,
  ) {}

  async join(actor: Actor, channelId: unknown, since?: unknown): Promise<JoinResult> {
    const access = await this.channelService.access(actor, channelId);
    const unreadCount = await this.channelService.unreadCount(actor, access.channel.id);
    const result: JoinResult = { channel: channelView(access.channel), unreadCount };
    if (since === undefined || since === null) return result;
    if (!isUuid(since)) throw DomainError.badInput([{ field: 'since', key: 'channels:unknownMessage' }]);
    const from = await this.messages.findById(since);
    if (!from || from.channelId !== access.channel.id) {
      throw DomainError.badInput([{ field: 'since', key: 'channels:unknownMessage' }]);
    }
    const rows = await this.messages.since(access.channel.id, from.seq, CATCH_UP_LIMIT + 1);
    return {
      ...result,
      missed: rows.slice(0, CATCH_UP_LIMIT).map(messageView),
      hasMoreMissed: rows.length > CATCH_UP_LIMIT,
    };
  }

  async send(actor: Actor, command: SendMessageCommand): Promise<{ message: MessageView; created: boolean }> {
    const me = requirePerson(actor);
    const errors = [...checkBody(command.body), ...checkClientId(command.clientId)];
    const parentId = (command.parentId ?? null) as string | null;
    if (parentId !== null && !isUuid(parentId)) errors.push({ field: 'parentId', key: 'channels:unknownMessage' });
    throwIfAny(errors);
    const body = command.body as string;
    const mentions = extractMentions(body);
    // The hot path: one statement decides and stores (no mention to notify, so no transaction). When
    // it stores nothing, the full path below says why, or finds the message a retry already stored.
    if (isUuid(command.channelId) && mentions.every((id) => id === me)) {
      const stored = await this.messages.insertIfPostable(
        { ...actor, personId: me },
        { channelId: command.channelId, clientId: command.clientId as string, parentId, body, mentions },
      );
      if (stored) {
        const message = messageView(stored);
        this.live.toChannel(message.channelId, 'message:new', message);
        return { message, created: true };
      }
    }
    const { id, created } = await this.transactions.run(async (tx) => {
      const access = await this.channelService.requirePostable(actor, command.channelId, tx);
      let rootId: string | null = null;
      if (parentId !== null) {
        const parent = await this.messages.findById(parentId, tx);
        if (!parent || parent.channelId !== access.channel.id || parent.deletedAt) {
          throw DomainError.badInput([{ field: 'parentId', key: 'channels:unknownMessage' }]);
        }
        rootId = parent.parentId ?? parent.id; // threads are one level deep: a reply to a reply joins the thread
      }
      const inserted = await this.messages.insertOnce(tx, {
        channelId: access.channel.id,
        authorId: me,
        clientId: command.clientId as string,
        parentId: rootId,
        body,
        mentions,
      });
      if (inserted.created) await this.mentionNotices.notifyMentioned(tx, actor, access.channel, inserted.id, mentions);
      return inserted;
    });
    const message = messageView((await this.messages.findById(id)) as MessageRow);
    if (created) this.live.toChannel(message.channelId, 'message:new', message);
    return { message, created };
  }

  async edit(actor: Actor, command: { messageId: unknown; body: unknown }): Promise<MessageView> {
    const me = requirePerson(actor);
    throwIfAny(checkBody(command.body));
    const body = command.body as string;
    const id = await this.transactions.run(async (tx) => {
      const message = await this.readable(actor, command.messageId, true, tx);
      if (message.authorId !== me) throw new DomainError('FORBIDDEN', 'channels:notAuthor');
      if (message.deletedAt) throw DomainError.conflict('channels:messageDeleted');
      await this.channelService.requirePostable(actor, message.channelId, tx);
      if (message.body !== body) await this.messages.edit(tx, message, body, extractMentions(body), me);
      return message.id;
    });
    const view = messageView((await this.messages.findById(id)) as MessageRow);
    this.live.toChannel(view.channelId, 'message:updated', view);
    return view;
  }

  /** The author deletes their own message; the owning network's moderators delete any (audited). */
  async delete(actor: Actor, command: { messageId: unknown }): Promise<{ id: string; channelId: string }> {
    const me = requirePerson(actor);
    const deleted = await this.transactions.run(async (tx) => {
      const message = await this.readable(actor, command.messageId, true, tx);
      const access = await this.channelService.access(actor, message.channelId, tx);
      const moderating = message.authorId !== me;
      if (moderating && !this.channelService.canModerate(actor, access.channel)) {
        throw new DomainError('FORBIDDEN', 'channels:notAuthor');
      }
      if (message.deletedAt) return { id: message.id, channelId: message.channelId, changed: false };
      await this.messages.softDelete(tx, message.id, me);
      if (moderating) {
        await this.audit.record(tx, actor, {
          networkId: access.channel.networkId,
          entityType: 'channel_message',
          entityId: message.id,
          action: 'moderatorDelete',
          before: { authorId: message.authorId, body: message.body },
          after: null,
        });
      }
      return { id: message.id, channelId: message.channelId, changed: true };
    });
    if (deleted.changed)
      this.live.toChannel(deleted.channelId, 'message:deleted', { id: deleted.id, channelId: deleted.channelId });
    return { id: deleted.id, channelId: deleted.channelId };
  }

  async react(actor: Actor, command: { messageId: unknown; emoji: unknown }, add: boolean): Promise<void> {
    const me = requirePerson(actor);
    throwIfAny(checkEmoji(command.emoji));
    const emoji = command.emoji as string;
    const result = await this.transactions.run(async (tx) => {
      const message = await this.readable(actor, command.messageId, true, tx);
      if (message.deletedAt) throw DomainError.conflict('channels:messageDeleted');
      await this.channelService.requirePostable(actor, message.channelId, tx);
      if (add && !message.reactions.some((r) => r.emoji === emoji)) {
        if ((await this.messages.distinctEmojiCount(tx, message.id)) >= MAX_DISTINCT_REACTIONS) {
          throw DomainError.conflict('channels:tooManyReactions', { max: MAX_DISTINCT_REACTIONS });
        }
      }
      return { changed: await this.messages.react(tx, message.id, me, emoji, add), message };
    });
    if (!result.changed) return;
    const fresh = (await this.messages.findById(result.message.id)) as MessageRow;
    this.live.toChannel(fresh.channelId, 'reaction:updated', {
      channelId: fresh.channelId,
      messageId: fresh.id,
      reactions: fresh.reactions,
    });
  }

  /**
   * Pins or unpins: a moderator action (the owning network's secretariat, or a partner's secretariat
   * in a joint channel shared with it). A channel holds at most MAX_PINNED_MESSAGES pins.
   */
  async pin(actor: Actor, messageId: unknown, pinned: boolean): Promise<MessageView> {
    const me = requirePerson(actor);
    const id = await this.transactions.run(async (tx) => {
      const message = await this.readable(actor, messageId, true, tx);
      if (message.deletedAt) throw DomainError.conflict('channels:messageDeleted');
      // The channel's row lock orders concurrent pins, so that the cap holds.
      const access = await this.channelService.access(actor, message.channelId, tx, true);
      if (!this.channelService.canModerate(actor, access.channel)) {
        throw new DomainError('FORBIDDEN', 'channels:pinModerators');
      }
      if (access.channel.archivedAt) throw DomainError.conflict('channels:archived');
      if (pinned && message.pinnedAt === null) {
        if ((await this.messages.pinnedCount(tx, access.channel.id)) >= MAX_PINNED_MESSAGES) {
          throw DomainError.conflict('channels:tooManyPins', { count: MAX_PINNED_MESSAGES });
        }
      }
      if ((message.pinnedAt !== null) !== pinned) {
        await this.messages.setPinned(tx, message.id, me, pinned);
        await this.audit.record(tx, actor, {
          networkId: access.channel.networkId,
          entityType: 'channel_message',
          entityId: message.id,
          action: pinned ? 'pin' : 'unpin',
          before: { pinned: !pinned },
          after: { pinned },
        });
      }
      return message.id;
    });
    const view = messageView((await this.messages.findById(id)) as MessageRow);
    this.live.toChannel(view.channelId, 'message:updated', view);
    return view;
  }

  /** A channel's pinned messages, the latest pin first (at most MAX_PINNED_MESSAGES). */
  async pinnedMessages(actor: Actor, channelId: unknown): Promise<MessageRow[]> {
    const access = await this.channelService.access(actor, channelId);
    return this.messages.pinned(access.channel.id);
  }

  /** Moves the read marker to `messageId`; returns what is still unread. */
  async markRead(actor: Actor, command: { channelId: unknown; messageId: unknown }): Promise<number> {
    const access = await this.channelService.access(actor, command.channelId);
    const message = isUuid(command.messageId) ? await this.messages.findById(command.messageId) : null;
    if (!message || message.channelId !== access.channel.id) {
      throw DomainError.badInput([{ field: 'messageId', key: 'channels:unknownMessage' }]);
    }
    return this.channelService.markRead(actor, access.channel.id, message.seq);
  }

  async load(actor: Actor, messageId: unknown): Promise<MessageRow> {
    return this.readable(actor, messageId);
  }

  /** Previous versions of an edited message: the owning network's moderators only. */
  async editHistory(actor: Actor, messageId: unknown): Promise<MessageEditRow[]> {
    const message = await this.readable(actor, messageId);
    const access = await this.channelService.access(actor, message.channelId);
    if (!this.channelService.canModerate(actor, access.channel)) throw DomainError.forbidden();
    return this.messages.edits(message.id);
  }

  /** A channel's messages (or one thread's replies), newest first, with keyset cursors. */
  async history(actor: Actor, query: MessagesQuery): Promise<Page<MessageRow>> {
    const access = await this.channelService.access(actor, query.channelId);
    const { first } = pageRequest({ first: query.first });
    const set = [query.after, query.before, query.around].filter((v) => v !== undefined && v !== null);
    if (set.length > 1) throw DomainError.badInput([{ field: 'around', key: 'channels:oneCursor' }]);
    let threadId: string | undefined;
    if (query.threadId) {
      const root = isUuid(query.threadId) ? await this.messages.findById(query.threadId) : null;
      if (!root || root.channelId !== access.channel.id) {
        throw DomainError.badInput([{ field: 'threadId', key: 'channels:unknownMessage' }]);
      }
      threadId = root.id;
    }
    const base = { channelId: access.channel.id, threadId };
    let items: MessageRow[];
    let hasNextPage: boolean;
    let hasPreviousPage: boolean;
    let totalCount: number;
    if (query.before) {
      const seq = seqCursor(query.before, 'before');
      const newer = await this.messages.page({ ...base, first, afterSeq: seq });
      items = newer.rows.slice(0, first).reverse();
      hasPreviousPage = newer.rows.length > first;
      hasNextPage = true;
      totalCount = newer.totalCount;
    } else if (query.around) {
      const centre = isUuid(query.around) ? await this.messages.findById(query.around) : null;
      if (!centre || centre.channelId !== access.channel.id || (centre.parentId ?? undefined) !== threadId) {
        throw DomainError.badInput([{ field: 'around', key: 'channels:unknownMessage' }]);
      }
      const half = Math.floor(first / 2);
      const newer = await this.messages.page({ ...base, first: half, afterSeq: centre.seq });
      const older = await this.messages.page({
        ...base,
        first: Math.max(first - Math.min(half, newer.rows.length), 0),
        beforeSeq: (BigInt(centre.seq) + 1n).toString(),
      });
      const newerItems = newer.rows.slice(0, half).reverse();
      const olderItems = older.rows.slice(0, Math.max(first - newerItems.length, 0));
      items = [...newerItems, ...olderItems];
      hasPreviousPage = newer.rows.length > half;
      hasNextPage = older.rows.length > olderItems.length;
      totalCount = older.totalCount;
    } else {
      const page = await this.messages.page({
        ...base,
        first,
        beforeSeq: query.after ? seqCursor(query.after, 'after') : undefined,
      });
      items = page.rows.slice(0, first);
      hasNextPage = page.rows.length > first;
      hasPreviousPage = Boolean(query.after);
      totalCount = page.totalCount;
    }
    return { items, cursors: items.map((m) => encodeCursor([m.seq])), hasNextPage, hasPreviousPage, totalCount };
  }

  /** Full-text search over every channel `actor` may read (or one of them), newest first. */
  async search(
    actor: Actor,
    args: { text: string; channelId?: string | null; first?: number | null; after?: string | null },
  ): Promise<Page<MessageRow>> {
    requirePerson(actor);
    const { first } = pageRequest({ first: args.first });
    const text = typeof args.text === 'string' ? args.text.trim() : '';
    if (text.length < 2 || text.length > 200) {
      throw DomainError.badInput([{ field: 'text', key: 'channels:searchLength', params: { min: 2, max: 200 } }]);
    }
    if (args.channelId) await this.channelService.access(actor, args.channelId);
    const { rows, totalCount } = await this.messages.search(actor, {
      text,
      channelId: args.channelId ?? undefined,
      first,
      beforeSeq: args.after ? seqCursor(args.after, 'after') : undefined,
    });
    const items = rows.slice(0, first);
    return {
      items,
      cursors: items.map((m) => encodeCursor([m.seq])),
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      totalCount,
    };
  }

  /** The retention job: deletes messages past each channel's retention period. System work, no actor. */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (const channel of await this.channels.withRetention()) {
      purged += await this.messages.purgeOlderThan(channel.id, channel.retentionDays);
    }
    return purged;
  }

  /** A message in a channel `actor` may read; NOT_FOUND otherwise. */
  private async readable(
    actor: Actor,
    messageId: unknown,
    lock = false,
    tx?: Parameters<MessageRepository['findById']>[1],
  ): Promise<MessageRow> {
    requirePerson(actor);
    if (!isUuid(messageId)) throw DomainError.notFound();
    const message = await this.messages.findById(messageId, tx, lock);
    if (!message) throw DomainError.notFound();
    await this.channelService.access(actor, message.channelId, tx ?? undefined);
    return message;
  }
}
