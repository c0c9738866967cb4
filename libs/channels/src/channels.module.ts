import { Module } from '@nestjs/common';
import { NotificationsModule } from '@enlace/notifications';
import { ChannelRepository } from './channel/channel.repository';
import { ChannelService } from './channel/channel.service';
import { MessageRepository } from './message/message.repository';
import { MessageService } from './message/message.service';

/** Live discussion channels: channels, members, messages, threads, reactions, moderation, retention. */
@Module({
  imports: [NotificationsModule],
  providers: [ChannelRepository, MessageRepository, ChannelService, MessageService],
  exports: [ChannelService, MessageService],
})
export class ChannelsModule {}
