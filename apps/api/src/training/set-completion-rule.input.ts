import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { COMPLETION_RULES, CompletionRule } from '@enlace/training';
import { CompletionRuleEnum } from './training.enums';

@InputType({ description: 'How a training decides who completed it, until it completes.' })
export class SetCompletionRuleInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  trainingId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => CompletionRuleEnum)
  @IsIn([...COMPLETION_RULES])
  completionRule!: CompletionRule;

  @Field(() => Float, {
    nullable: true,
    description: 'MIN_SHARE_OF_SESSIONS: the share of sessions to attend, (0, 1].',
  })
  @IsOptional()
  @IsNumber()
  minSessionShare?: number;
}
