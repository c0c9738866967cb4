import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { ActionFieldsInput } from './action-fields.input';

@InputType()
export class UpdateActionInput extends ActionFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  actionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
