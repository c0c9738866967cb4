import { Injectable } from '@nestjs/common';
import {
  Actor,
  audienceKeys,
  AuditRepository,
  DomainError,
  isUuid,
  LiveBus,
  requirePerson,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { ChannelService } from '../channel/channel.service';
import {
  checkBody,
  checkClientId,
  checkRemindAfterDays,
  DEFAULT_NOTICE_REMIND_DAYS,
  extractMentions,
} from '../channels-rules';
import { MessageRow, messageView } from '../message/message.entity';
import { MentionNoticeService } from '../message/mention-notice.service';
import { MessageRepository } from '../message/message.repository';
import { NoticeReport, toNoticeReport } from './notice.entity';
import { NoticeRepository } from './notice.repository';

export interface PostNoticeCommand {
  readonly channelId: unknown;
  readonly clientId: unknown;
  readonly body: unknown;
  /** Days after which those who have not acknowledged it are reminded (once); DEFAULT_NOTICE_REMIND_DAYS. */
  readonly remindAfterDays?: number | null;
}

/**
 * Official notices: a message a channel's moderator (its owner's secretariat, or a partner's in a
 * joint channel) posts as requiring acknowledgement; each reader acknowledges it once; the moderators
 * see, per member state, who has and who has not (only people they may see); and those who have not
 * are reminded once, N days after it was posted (the notice-reminder job).
 */
@Injectable()
export class NoticeService {
  constructor(
    private readonly channelService: ChannelService,
    private readonly messages: MessageRepository,
    private readonly notices: NoticeRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
    private readonly notifications: NotificationService,
    private readonly mentionNotices: MentionNoticeService,
  ) {}

  async post(actor: Actor, command: PostNoticeCommand): Promise<MessageRow> {
    const me = requirePerson(actor);
    throwIfAny([
      ...checkBody(command.body),
      ...checkClientId(command.clientId),
      ...checkRemindAfterDays(command.remindAfterDays),
    ]);
    const body = command.body as string;
    const days = command.remindAfterDays ?? DEFAULT_NOTICE_REMIND_DAYS;
    const mentions = extractMentions(body);
    const { id, created } = await this.transactions.run(async (tx) => {
      const access = await this.channelService.requirePostable(actor, command.channelId, tx);
      if (!this.channelService.canModerate(actor, access.channel)) {
        throw new DomainError('FORBIDDEN', 'channels:noticeModerators');
      }
      const inserted = await this.messages.insertOnce(tx, {
        channelId: access.channel.id,
        authorId: me,
        clientId: command.clientId as string,
        parentId: null,
        body,
        mentions,
      });
      if (inserted.created) {
        await this.notices.markNotice(tx, inserted.id, days);
        await this.mentionNotices.notifyMentioned(tx, actor, access.channel, inserted.id, mentions);
        await this.audit.record(tx, actor, {
          networkId: access.channel.networkId,
          entityType: 'channel_message',
          entityId: inserted.id,
          action: 'postNotice',
          after: { channelId: access.channel.id, remindAfterDays: days },
        });
      }
      return inserted;
    });
    const message = (await this.messages.findById(id)) as MessageRow;
    if (created) this.live.toChannel(message.channelId, 'message:new', messageView(message));
    return message;
  }

  /** The caller acknowledges a notice of a channel they read (again: nothing changes). */
  async acknowledge(actor: Actor, messageId: unknown): Promise<boolean> {
    const me = requirePerson(actor);
    await this.transactions.run(async (tx) => {
      const notice = await this.readableNotice(actor, messageId, tx);
      if (notice.deletedAt) throw DomainError.conflict('channels:messageDeleted');
      await this.notices.acknowledge(tx, notice.id, me);
    });
    return true;
  }

  /** Who has acknowledged a notice and who has not, per member state: the channel's moderators. */
  async report(actor: Actor, messageId: unknown): Promise<NoticeReport> {
    const notice = await this.readableNotice(actor, messageId);
    const access = await this.channelService.access(actor, notice.channelId);
    if (!this.channelService.canModerate(actor, access.channel)) throw DomainError.forbidden();
    const readers = await this.notices.readers(null, notice, audienceKeys(actor));
    return toNoticeReport(notice.id, notice.channelId, readers);
  }

  /**
   * The reminder job: each notice posted at least its reminder days ago and not yet reminded reminds,
   * once, everyone it expects who has not acknowledged it (`noticeReminder`, in their language), in
   * one transaction with the mark that it was sent. System work, no actor.
   */
  async remindDue(signal?: AbortSignal): Promise<{ notices: number; notified: number }> {
    let notices = 0;
    let notified = 0;
    for (;;) {
      signal?.throwIfAborted();
      const sent = await this.transactions.run(async (tx) => {
        const due = await this.notices.claimDue(tx);
        if (!due) return null;
        const pending = (await this.notices.readers(tx, due, null)).filter((r) => !r.acknowledgedAt);
        const message = (await this.messages.findById(due.id, tx)) as MessageRow;
        const channel = await this.notices.channelOf(tx, due.channelId);
        const ids = await this.notifications.notifyMany(
          tx,
          pending.map((r) => r.personId),
          {
            kind: 'noticeReminder',
            subject: { type: 'channel_message', id: due.id },
            networkId: channel.networkId,
            params: {
              authorName: message.authorName,
              channelName: channel.name,
              postedOn: message.createdAt.toISOString().slice(0, 10),
            },
          },
        );
        await this.notices.markReminded(tx, due.id);
        return ids.length;
      });
      if (sent === null) break;
      notices += 1;
      notified += sent;
    }
    return { notices, notified };
  }

  private async readableNotice(actor: Actor, messageId: unknown, tx?: Parameters<MessageRepository['findById']>[1]) {
    requirePerson(actor);
    if (!isUuid(messageId)) throw DomainError.notFound();
    const message = await this.messages.findById(messageId, tx);
    if (!message) throw DomainError.notFound();
    await this.channelService.access(actor, message.channelId, tx ?? undefined);
    if (!message.ackRequired) throw DomainError.conflict('channels:notANotice');
    return message;
  }
}
