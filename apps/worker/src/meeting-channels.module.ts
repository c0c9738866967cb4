import { Global, Module } from '@nestjs/common';
import { ChannelAudienceService, ChannelsModule } from '@enlace/channels';
import { MEETING_CHANNELS } from '@enlace/meetings';

/**
 * The seam between meetings and channels in the worker (decision 0019), as apps/api wires it: the
 * jobs change invitations too (the daily re-resolution of role invitations), and a changed
 * invitation changes the meeting's channel in the same transaction. Apps never import each other,
 * hence this copy of apps/api's ten lines. Global, so that the meetings module's providers see it.
 */
@Global()
@Module({
  imports: [ChannelsModule],
  providers: [{ provide: MEETING_CHANNELS, useExisting: ChannelAudienceService }],
  exports: [MEETING_CHANNELS],
})
export class MeetingChannelsModule {}
