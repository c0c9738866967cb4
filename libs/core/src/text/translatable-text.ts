import type { FieldError } from '../errors/domain-error';
import { isLanguage, Language, LANGUAGES } from '../i18n/languages';

export const TRANSLATION_STATUSES = ['ORIGINAL', 'TRANSLATED', 'REVIEWED', 'OFFICIAL'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export interface Translation {
  readonly text: string;
  readonly status: TranslationStatus;
}

/**
 * Text written by people, stored per language in one `jsonb` column:
 * `{ "es": { "text": "Red...", "status": "ORIGINAL" }, "en": { ... } }`.
 */
export type TranslatableText = Partial<Record<Language, Translation>>;

export interface ResolvedText {
  readonly text: string;
  /** The language actually served, which differs from the requested one when a fallback was used. */
  readonly language: Language;
  readonly status: TranslationStatus;
}

/**
 * Serves text in the request language, falling back to the owning network's default language, then
 * to the original, then to any language (in a fixed order, so the answer is stable).
 */
export function resolveText(
  text: TranslatableText | null | undefined,
  requested: Language,
  networkDefault?: Language,
): ResolvedText | null {
  if (!text) return null;
  const order: Language[] = [requested];
  if (networkDefault) order.push(networkDefault);
  const original = LANGUAGES.find((l) => text[l]?.status === 'ORIGINAL');
  if (original) order.push(original);
  order.push(...LANGUAGES);
  for (const language of order) {
    const entry = text[language];
    if (entry && entry.text !== '') return { text: entry.text, language, status: entry.status };
  }
  return null;
}

/** The stored translations in a stable order, for editors. */
export function listTranslations(
  text: TranslatableText | null | undefined,
): Array<Translation & { language: Language }> {
  if (!text) return [];
  return LANGUAGES.filter((l) => text[l]).map((language) => ({ language, ...(text[language] as Translation) }));
}

export interface TranslationInputLike {
  language: string;
  text: string;
  status?: string | null;
}

/**
 * Validates translations given by a client and builds the stored form. Returns field errors (with
 * paths under `field`) instead of throwing, so callers can report every problem at once.
 */
export function buildTranslatableText(
  inputs: readonly TranslationInputLike[] | null | undefined,
  field: string,
  options: { required?: boolean; maxLength?: number; defaultStatus?: TranslationStatus } = {},
): { value: TranslatableText; errors: FieldError[] } {
  const maxLength = options.maxLength ?? 500;
  const errors: FieldError[] = [];
  const value: TranslatableText = {};
  const list = inputs ?? [];
  if (options.required && list.length === 0) {
    errors.push({ field, key: 'validation:translationRequired' });
  }
  list.forEach((input, index) => {
    const path = `${field}.${index}`;
    if (!isLanguage(input.language)) {
      errors.push({
        field: `${path}.language`,
        key: 'validation:unsupportedLanguage',
        params: { value: String(input.language) },
      });
      return;
    }
    if (value[input.language]) {
      errors.push({
        field: `${path}.language`,
        key: 'validation:duplicateLanguage',
        params: { value: input.language },
      });
      return;
    }
    const text = typeof input.text === 'string' ? input.text.trim() : '';
    if (text === '') {
      errors.push({ field: `${path}.text`, key: 'validation:required' });
      return;
    }
    if (text.length > maxLength) {
      errors.push({ field: `${path}.text`, key: 'validation:tooLong', params: { max: maxLength } });
      return;
    }
    const status = (input.status ?? options.defaultStatus ?? 'TRANSLATED') as TranslationStatus;
    if (!TRANSLATION_STATUSES.includes(status)) {
      errors.push({ field: `${path}.status`, key: 'validation:invalidValue' });
      return;
    }
    value[input.language] = { text, status };
  });
  return { value, errors };
}

/** Applies per-language edits on top of stored text: a translation with empty text removes that language. */
export function mergeTranslatableText(current: TranslatableText, edits: TranslatableText): TranslatableText {
  return { ...current, ...edits };
}
