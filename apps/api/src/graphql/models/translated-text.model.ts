import { Field, ObjectType } from '@nestjs/graphql';
import { Language, listTranslations, resolveText, TranslatableText, TranslationStatus, Translator } from '@enlace/core';
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

/** Maps stored translations to the GraphQL model for the request's language (`t.lang`). */
export function toTranslatedText(
  text: TranslatableText | null | undefined,
  t: Translator,
  networkDefault?: Language,
): TranslatedTextModel | null {
  const resolved = resolveText(text, t.lang, networkDefault);
  if (!resolved) return null;
  return { ...resolved, translations: listTranslations(text) };
}
