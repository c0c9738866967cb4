import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { ActionFieldsInput } from './action-fields.input';

@InputType()
export class AddActionInput extends ActionFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  objectiveId!: string;
}
