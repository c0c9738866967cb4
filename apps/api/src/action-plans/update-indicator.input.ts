import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { IndicatorFieldsInput } from './indicator-fields.input';

@InputType()
export class UpdateIndicatorInput extends IndicatorFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  indicatorId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}
