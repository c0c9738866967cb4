import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';

@InputType({ description: 'A session, at the version you read.' })
export class TrainingSessionStepInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  sessionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
