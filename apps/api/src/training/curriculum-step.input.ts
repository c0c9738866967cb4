import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';

@InputType({ description: 'Publishes or archives a curriculum version, at the version you read.' })
export class CurriculumStepInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  versionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
