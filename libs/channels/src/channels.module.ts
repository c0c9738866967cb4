import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@enlace/identity';
import { NotificationsModule } from '@enlace/notifications';
import { ChannelMessageEntity } from './channel-message.entity';
import { ChannelEntity } from './channel.entity';
import { ChannelRepository } from './channel.repository';
import { ChannelService } from './channel.service';
import { MessageRepository } from './message.repository';
import { MessageService } from './message.service';

/** Live discussion channels: channels, members, messages, threads, reactions, moderation, retention. */
@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity, ChannelMessageEntity]), IdentityModule, NotificationsModule],
  providers: [ChannelRepository, MessageRepository, ChannelService, MessageService],
  exports: [ChannelService, MessageService],
})
export class ChannelsModule {}
