import { Injectable } from '@nestjs/common';
import { Actor, Tx } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { ChannelRow } from '../channel/channel.entity';
import { ChannelRepository } from '../channel/channel.repository';
import { MessageRow } from './message.entity';
import { MessageRepository } from './message.repository';

/**
 * Tells the people a new message mentions (a message or an official notice): each one who may read
 * its channel, other than its author, gets a `mentioned` notification in the message's transaction
 * (in their language, as their preferences say, pushed live once it commits). A mention of someone
 * who may not read the channel notifies nobody and reveals nothing.
 */
@Injectable()
export class MentionNoticeService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly messages: MessageRepository,
    private readonly notifications: NotificationService,
  ) {}

  async notifyMentioned(
    tx: Tx,
    actor: Actor,
    channel: ChannelRow,
    messageId: string,
    mentions: readonly string[],
  ): Promise<void> {
    const candidates = mentions.filter((id) => id !== actor.personId);
    if (candidates.length === 0) return;
    const readers: string[] = [];
    for (const reader of await this.channels.actorsFor(tx, candidates, actor.lang)) {
      if (await this.channels.findReadable(reader, channel.id, tx)) readers.push(reader.personId as string);
    }
    if (readers.length === 0) return;
    const message = (await this.messages.findById(messageId, tx)) as MessageRow;
    await this.notifications.notifyMany(tx, readers, {
      kind: 'mentioned',
      subject: { type: 'channel_message', id: messageId },
      networkId: channel.networkId,
      params: { authorName: message.authorName, channelName: channel.name },
    });
  }
}
