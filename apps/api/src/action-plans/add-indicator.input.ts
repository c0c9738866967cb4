import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { IndicatorFieldsInput } from './indicator-fields.input';

@InputType()
export class AddIndicatorInput extends IndicatorFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  actionId!: string;
}
