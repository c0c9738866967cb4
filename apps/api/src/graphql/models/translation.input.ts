import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language, LANGUAGES, TRANSLATION_STATUSES, TranslationStatus } from '@enlace/core';
import { LanguageEnum, TranslationStatusEnum } from './enums';

@InputType({ description: 'One language version of a translatable text.' })
export class TranslationInput {
  @Field(() => LanguageEnum)
  @IsIn([...LANGUAGES])
  language!: Language;

  @Field()
  @IsString()
  @MaxLength(10_000)
  text!: string;

  @Field(() => TranslationStatusEnum, {
    nullable: true,
    description: 'Defaults to TRANSLATED (ORIGINAL for the first).',
  })
  @IsOptional()
  @IsIn([...TRANSLATION_STATUSES])
  status?: TranslationStatus;
}
