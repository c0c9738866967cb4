import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';

@InputType({ description: 'The next decision of a HELD or CLOSED meeting.' })
export class AddDecisionInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  text!: TranslationInput[];
}
