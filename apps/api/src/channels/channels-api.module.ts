import { Module } from '@nestjs/common';
import { ChannelsModule } from '@enlace/channels';
import { LiveModule } from '../live/live.module';
import { ChannelsLiveHandlers } from './channels.live-handlers';
import { ChannelsResolver } from './channels.resolver';
import { NoticesResolver } from './notices.resolver';

/** Live channels' doors: history and administration over GraphQL, the channel events over `/live`. */
@Module({
  imports: [ChannelsModule, LiveModule],
  providers: [ChannelsResolver, NoticesResolver, ChannelsLiveHandlers],
})
export class ChannelsApiModule {}
