import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { ObjectiveFieldsInput } from './objective-fields.input';

@InputType()
export class AddObjectiveInput extends ObjectiveFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  planId!: string;
}
