import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType({ description: 'One invitee of a meeting.' })
export class MeetingInviteeInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;
}
