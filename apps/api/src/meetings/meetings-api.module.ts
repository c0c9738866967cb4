import { Module } from '@nestjs/common';
import { MeetingsModule } from '@enlace/meetings';
import { AuthModule } from '../auth/auth.module';
import { AgendaResolver } from './agenda.resolver';
import { MeetingChannelsModule } from './meeting-channels.module';
import { DecisionFollowUpsResolver, MeetingDecisionsResolver } from './decision.resolver';
import { MeetingsController } from './meetings.controller';
import { MeetingsResolver } from './meetings.resolver';
import { MeetingMinutesResolver, MinutesRevisionsResolver } from './minutes.resolver';

/** Meetings' doors: GraphQL queries and mutations, and the calendar files and feeds. */
@Module({
  imports: [MeetingChannelsModule, MeetingsModule, AuthModule],
  controllers: [MeetingsController],
  providers: [
    MeetingsResolver,
    AgendaResolver,
    MeetingDecisionsResolver,
    DecisionFollowUpsResolver,
    MeetingMinutesResolver,
    MinutesRevisionsResolver,
  ],
})
export class MeetingsApiModule {}
