import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { TrainingSessionFieldsInput } from './training-session-fields.input';

@InputType({ description: 'A session’s new times, modules, place and trainers, at the version you read.' })
export class UpdateTrainingSessionInput extends TrainingSessionFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  sessionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
