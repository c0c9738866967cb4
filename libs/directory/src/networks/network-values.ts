import {
  buildTranslatableText,
  FieldError,
  isLanguage,
  Language,
  LANGUAGES,
  TranslatableText,
  TranslationInputLike,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { NETWORK_KINDS, NetworkKind } from './network.entity';
import type { NetworkValues } from './network.repository';

/*
 * Checks of a network's values as clients give them: each returns what to store and pushes field
 * errors, so that a request learns about every problem at once.
 */

/** JSON with object keys sorted (jsonb does not keep the order keys were written in). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function newText(
  inputs: readonly TranslationInputLike[] | null | undefined,
  field: string,
  maxLength: number,
  required: boolean,
  errors: FieldError[],
): TranslatableText {
  const built = buildTranslatableText(inputs, field, { required, maxLength, defaultStatus: 'TRANSLATED' });
  errors.push(...built.errors);
  // The first language given, without a status of its own, is the original.
  const first = inputs?.[0];
  if (first && !first.status && isLanguage(first.language) && built.value[first.language]) {
    built.value[first.language] = { ...built.value[first.language]!, status: 'ORIGINAL' };
  }
  return built.value;
}

export function editText(
  current: TranslatableText,
  edits: readonly TranslationInputLike[] | null | undefined,
  removals: readonly string[] | null | undefined,
  field: string,
  maxLength: number,
  errors: FieldError[],
): TranslatableText {
  const built = buildTranslatableText(edits, field, { maxLength, defaultStatus: 'TRANSLATED' });
  errors.push(...built.errors);
  const next: TranslatableText = { ...current };
  (edits ?? []).forEach((edit) => {
    if (!isLanguage(edit.language) || !built.value[edit.language]) return;
    const kept = edit.status ? undefined : current[edit.language]?.status;
    next[edit.language] = { ...built.value[edit.language]!, ...(kept ? { status: kept } : {}) };
  });
  (removals ?? []).forEach((language, index) => {
    if (!isLanguage(language)) {
      errors.push({
        field: `remove${field[0].toUpperCase()}${field.slice(1)}Languages.${index}`,
        key: 'validation:unsupportedLanguage',
        params: { value: String(language) },
      });
    } else if (built.value[language]) {
      errors.push({ field, key: 'networks:setAndRemove', params: { language } });
    } else {
      delete next[language];
    }
  });
  return next;
}

export function checkSettings(
  values: { kind: string; defaultLanguage: string; workingLanguages: readonly string[]; visibility: string },
  errors: FieldError[],
): Pick<NetworkValues, 'kind' | 'defaultLanguage' | 'workingLanguages' | 'visibility'> {
  if (!NETWORK_KINDS.includes(values.kind as NetworkKind))
    errors.push({ field: 'kind', key: 'validation:invalidValue' });
  if (!isLanguage(values.defaultLanguage)) {
    errors.push({
      field: 'defaultLanguage',
      key: 'validation:unsupportedLanguage',
      params: { value: String(values.defaultLanguage) },
    });
  }
  const working = values.workingLanguages ?? [];
  if (working.length === 0) errors.push({ field: 'workingLanguages', key: 'networks:workingLanguagesRequired' });
  working.forEach((language, index) => {
    if (!isLanguage(language)) {
      errors.push({
        field: `workingLanguages.${index}`,
        key: 'validation:unsupportedLanguage',
        params: { value: String(language) },
      });
    } else if (working.indexOf(language) !== index) {
      errors.push({
        field: `workingLanguages.${index}`,
        key: 'validation:duplicateLanguage',
        params: { value: language },
      });
    }
  });
  if (isLanguage(values.defaultLanguage) && working.length > 0 && !working.includes(values.defaultLanguage)) {
    errors.push({
      field: 'workingLanguages',
      key: 'networks:defaultNotWorking',
      params: { language: values.defaultLanguage },
    });
  }
  if (!VISIBILITIES.includes(values.visibility as Visibility)) {
    errors.push({ field: 'visibility', key: 'validation:invalidValue' });
  }
  return {
    kind: values.kind as NetworkKind,
    defaultLanguage: values.defaultLanguage as Language,
    // Stored in the fixed order of LANGUAGES, so that reordering alone is no change.
    workingLanguages: LANGUAGES.filter((l) => working.includes(l)),
    visibility: values.visibility as Visibility,
  };
}
