import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';

@InputType({ description: 'A lifecycle step of a training, at the version you read.' })
export class TrainingStepInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  trainingId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
