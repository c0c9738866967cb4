import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { MAX_MODULES } from '@enlace/training';
import { TranslationInput } from '../graphql/models/translation.input';
import { CurriculumModuleInput } from './curriculum-module.input';

@InputType({ description: 'Edits a draft version; `modules` replaces the whole ordered list.' })
export class UpdateCurriculumInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  versionId!: string;

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
  title?: TranslationInput[];

  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  description?: TranslationInput[];

  @Field(() => [CurriculumModuleInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MODULES + 1)
  @ValidateNested({ each: true })
  @Type(() => CurriculumModuleInput)
  modules?: CurriculumModuleInput[];
}
