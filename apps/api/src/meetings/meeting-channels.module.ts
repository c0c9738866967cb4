import { Global, Module } from '@nestjs/common';
import { ChannelAudienceService, ChannelsModule } from '@enlace/channels';
import { MEETING_CHANNELS } from '@enlace/meetings';

/**
 * The seam between meetings and channels (decision 0019): the meetings context asks for
 * `MEETING_CHANNELS`, which the channels context's `ChannelAudienceService` fulfils. Global, so that
 * the meetings module's own providers can inject it without importing channels.
 */
@Global()
@Module({
  imports: [ChannelsModule],
  providers: [{ provide: MEETING_CHANNELS, useExisting: ChannelAudienceService }],
  exports: [MEETING_CHANNELS],
})
export class MeetingChannelsModule {}
