import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength } from 'class-validator';

@InputType({ description: 'DRAFT → CIRCULATED: the member states present may sign off.' })
export class CirculateMeetingMinutesInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion!: number;
}
