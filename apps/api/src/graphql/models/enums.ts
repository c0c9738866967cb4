import { registerEnumType } from '@nestjs/graphql';
import { LANGUAGES, NETWORK_ROLES, TRANSLATION_STATUSES, VISIBILITIES } from '@enlace/core';

/** GraphQL enums built from the domain's constant lists, so the two never drift apart. */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const LanguageEnum = enumOf(LANGUAGES);
registerEnumType(LanguageEnum, { name: 'Language', description: 'Supported languages (ISO 639-1).' });

export const TranslationStatusEnum = enumOf(TRANSLATION_STATUSES);
registerEnumType(TranslationStatusEnum, { name: 'TranslationStatus' });

export const VisibilityEnum = enumOf(VISIBILITIES);
registerEnumType(VisibilityEnum, {
  name: 'Visibility',
  description: 'Who may see a record (SPEC §3): anyone, partner networks, the owning network, or its participants.',
});

export const NetworkRoleEnum = enumOf(NETWORK_ROLES);
registerEnumType(NetworkRoleEnum, { name: 'NetworkRole' });
