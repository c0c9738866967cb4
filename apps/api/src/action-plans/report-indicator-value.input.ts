import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsNumber, IsString, MaxLength } from 'class-validator';
import { TranslationInput } from '../graphql/models/translation.input';
import { Translations } from './translations.field';

@InputType({ description: 'The value of an indicator for one of its due dates.' })
export class ReportIndicatorValueInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  indicatorId!: string;

  @Field({ description: 'One of the indicator’s due dates, YYYY-MM-DD.' })
  @IsString()
  @MaxLength(10)
  dueOn!: string;

  @Field(() => Float)
  @IsNumber()
  value!: number;

  @Translations({ nullable: true })
  narrative?: TranslationInput[];
}
