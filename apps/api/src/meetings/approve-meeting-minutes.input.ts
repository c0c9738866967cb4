import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength } from 'class-validator';

@InputType({
  description:
    'CIRCULATED → APPROVED by the organisers, only while the voices given meet the quorum of the member states present.',
})
export class ApproveMeetingMinutesInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion!: number;
}
