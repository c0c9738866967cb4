import { Module } from '@nestjs/common';
import { MeetingsModule } from '@enlace/meetings';
import { MeetingsResolver } from './meetings.resolver';

/** Meetings' doors: GraphQL queries and mutations. */
@Module({
  imports: [MeetingsModule],
  providers: [MeetingsResolver],
})
export class MeetingsApiModule {}
