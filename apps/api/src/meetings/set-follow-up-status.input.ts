import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { FOLLOW_UP_STATUSES, FollowUpStatus } from '@enlace/meetings';
import { FollowUpStatusEnum } from './agenda.model';

@InputType({ description: 'A follow-up’s new status (its assignee may mark it DONE).' })
export class SetFollowUpStatusInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  followUpId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => FollowUpStatusEnum)
  @IsIn([...FOLLOW_UP_STATUSES])
  status!: FollowUpStatus;
}
