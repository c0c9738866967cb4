import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { MAX_MODULES } from '@enlace/training';
import { TranslationInput } from '../graphql/models/translation.input';
import { CurriculumModuleInput } from './curriculum-module.input';

@InputType({ description: 'A new curriculum: its first version, as a draft.' })
export class CreateCurriculumInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title!: TranslationInput[];

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
