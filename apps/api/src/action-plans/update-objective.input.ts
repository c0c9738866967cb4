import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { ObjectiveFieldsInput } from './objective-fields.input';

@InputType()
export class UpdateObjectiveInput extends ObjectiveFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  objectiveId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
