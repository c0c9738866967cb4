import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { RSVP_RESPONSES, RsvpResponse } from '@enlace/meetings';
import { RsvpResponseEnum } from './meetings.enums';

@InputType({ description: 'My answer to a meeting I am invited to.' })
export class RespondToMeetingInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => RsvpResponseEnum, { description: 'ACCEPTED, DECLINED or TENTATIVE.' })
  @IsIn([...RSVP_RESPONSES])
  response!: RsvpResponse;
}
