import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';
import { PersonOrMemberStateInput } from './person-or-member-state.input';

@InputType({ description: 'New values for a follow-up action; omitted fields keep theirs, null clears.' })
export class UpdateFollowUpInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  followUpId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  text?: TranslationInput[];

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
