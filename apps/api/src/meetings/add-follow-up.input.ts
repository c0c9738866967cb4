import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';
import { PersonOrMemberStateInput } from './person-or-member-state.input';

@InputType({ description: 'A follow-up action of a decision.' })
export class AddFollowUpInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  decisionId!: string;

  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  text!: TranslationInput[];

  @Field(() => PersonOrMemberStateInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonOrMemberStateInput)
  assignee?: PersonOrMemberStateInput | null;

  @Field(() => String, { nullable: true, description: '"YYYY-MM-DD".' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  dueOn?: string | null;
}
