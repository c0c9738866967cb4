import { Module } from '@nestjs/common';
import { ChannelsPersonalDataRepository } from './personal-data/personal-data.repository';
import { ChannelsPersonalDataService } from './personal-data/personal-data.service';
import { NotificationsModule } from '@enlace/notifications';
import { ChannelRepository } from './channel/channel.repository';
import { ChannelAudienceService } from './channel/channel-audience.service';
import { ChannelService } from './channel/channel.service';
import { MessageRepository } from './message/message.repository';
import { MentionNoticeService } from './message/mention-notice.service';
import { MessageService } from './message/message.service';
import { NoticeRepository } from './notice/notice.repository';
import { NoticeService } from './notice/notice.service';

/** Live discussion channels: channels, members, messages, threads, reactions, moderation, retention. */
@Module({
  imports: [NotificationsModule],
  providers: [
    ChannelRepository,
    MessageRepository,
    NoticeRepository,
    ChannelService,
    ChannelAudienceService,
    MentionNoticeService,
    MessageService,
    NoticeService,
    ChannelsPersonalDataRepository,
    ChannelsPersonalDataService,
  ],
  exports: [ChannelService, ChannelAudienceService, MessageService, NoticeService, ChannelsPersonalDataService],
})
export class ChannelsModule {}
