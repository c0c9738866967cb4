import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language, LANGUAGES, TRANSLATION_STATUSES, TranslationStatus } from '@enlace/core';
import { MAX_MINUTES_LENGTH } from '@enlace/meetings';
import { LanguageEnum, TranslationStatusEnum } from '../graphql/models/enums';

@InputType({ description: 'One language version of the minutes, with its translation status.' })
export class MinutesTextInput {
  @Field(() => LanguageEnum)
  @IsIn([...LANGUAGES])
  language!: Language;

  @Field()
  @IsString()
  @MaxLength(MAX_MINUTES_LENGTH)
  text!: string;

  @Field(() => TranslationStatusEnum, {
    nullable: true,
    description:
      'ORIGINAL, TRANSLATED, REVIEWED or OFFICIAL; defaults to ORIGINAL for the first save, TRANSLATED after.',
  })
  @IsOptional()
  @IsIn([...TRANSLATION_STATUSES])
  status?: TranslationStatus;
}
