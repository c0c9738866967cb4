import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  Language,
  LANGUAGES,
  listTranslations,
  resolveText,
  TranslatableText,
  TRANSLATION_STATUSES,
  TranslationStatus,
} from '@enlace/core';
import { LanguageEnum, TranslationStatusEnum } from './enums';

@ObjectType({ description: 'One language version of a translatable text.' })
export class TranslationModel {
  @Field(() => LanguageEnum)
  language!: Language;

  @Field()
  text!: string;

  @Field(() => TranslationStatusEnum)
  status!: TranslationStatus;
}

@ObjectType('TranslatedText', {
  description:
    'Text written by people, served in the request language with fallback (request language → network default → original → any).',
})
export class TranslatedTextModel {
  @Field({ description: 'The text in the language served.' })
  text!: string;

  @Field(() => LanguageEnum, { description: 'The language actually served (differs from the request on fallback).' })
  language!: Language;

  @Field(() => TranslationStatusEnum)
  status!: TranslationStatus;

  @Field(() => [TranslationModel], { description: 'Every stored language version, for editors.' })
  translations!: TranslationModel[];
}

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

/** Maps stored translations to the GraphQL model for one request language. */
export function toTranslatedText(
  text: TranslatableText | null | undefined,
  lang: Language,
  networkDefault?: Language,
): TranslatedTextModel | null {
  const resolved = resolveText(text, lang, networkDefault);
  if (!resolved) return null;
  return { ...resolved, translations: listTranslations(text) };
}
