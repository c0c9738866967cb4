import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MeetingModel } from './meeting.model';

@ObjectType('InviteToMeetingPayload')
export class InviteToMeetingPayload {
  @Field(() => MeetingModel)
  meeting!: MeetingModel;

  @Field(() => Int, { description: 'People newly invited (those already invited keep their answer).' })
  added!: number;
}
