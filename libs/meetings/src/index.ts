export * from './meetings.module';
export * from './meetings-rules';
export type { InviteeRow, MeetingHost, MeetingRow, RsvpCounts } from './meeting/meeting.entity';
export * from './meeting/meeting.service';
export * from './demo/meetings-demo';
export * from './demo/meetings-demo.service';
export * from './demo/meetings-demo.factory';
