import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { MAX_AGENDA_LINKS } from '@enlace/meetings';
import { TranslationInput } from '../graphql/models/translation.input';
import { PersonOrMemberStateInput } from './person-or-member-state.input';

@InputType({ isAbstract: true })
export class AgendaItemFieldsInput {
  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title?: TranslationInput[];

  @Field(() => PersonOrMemberStateInput, { nullable: true, description: 'Null removes the presenter.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonOrMemberStateInput)
  presenter?: PersonOrMemberStateInput | null;

  @Field(() => Int, { nullable: true, description: 'Minutes; null removes the duration.' })
  @IsOptional()
  @IsInt()
  durationMinutes?: number | null;

  @Field(() => [String], { nullable: true, description: 'Absolute http(s) addresses; replaces the list.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_AGENDA_LINKS * 2)
  @IsString({ each: true })
  @MaxLength(2100, { each: true })
  links?: string[];
}
