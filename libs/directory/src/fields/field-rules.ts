import type { FieldError, Language, TranslatableText } from '@enlace/core';
import { isIsoDate, LANGUAGES } from '@enlace/core';

export const FIELD_ENTITIES = ['PERSON', 'ORGANISATION'] as const;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];
export const FIELD_TYPES = ['TEXT', 'NUMBER', 'DATE', 'CHOICE'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A field key: lower-case letters, digits and `_`, starting with a letter (also its CSV column). */
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_FIELDS_PER_ENTITY = 50;
export const MAX_CHOICES = 100;
export const MAX_TEXT_VALUE = 500;

export interface FieldChoice {
  readonly key: string;
  readonly label: TranslatableText;
}

/** A custom field of a network's directory, for people or for organisations. */
export interface FieldDefinition {
  readonly id: string;
  readonly networkId: string;
  readonly entity: FieldEntity;
  readonly key: string;
  readonly type: FieldType;
  readonly label: TranslatableText;
  readonly choices: readonly FieldChoice[];
  readonly required: boolean;
  readonly position: number;
  readonly version: number;
}

/** A stored value: text, a date or a choice's key as a string, a number as a number. */
export type FieldValue = string | number;

/** Values of one network's fields on one record, by key. */
export type FieldValues = Readonly<Record<string, FieldValue>>;

function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a value given as text (GraphQL, a CSV cell, a search filter) for `field`: the stored value,
 * or the reason it is not one. A number takes `.` or `,` as decimal mark; a date is `YYYY-MM-DD`; a
 * choice is its key or its label in any language (without regard to accents or case).
 */
export function parseFieldValue(
  field: FieldDefinition,
  text: string,
  path: string,
): { value: FieldValue } | { error: FieldError } {
  const trimmed = text.trim();
  switch (field.type) {
    case 'TEXT':
      if (trimmed.length > MAX_TEXT_VALUE) {
        return { error: { field: path, key: 'validation:tooLong', params: { max: MAX_TEXT_VALUE } } };
      }
      return { value: trimmed };
    case 'NUMBER': {
      const normalised = trimmed.replace(/\s/g, '').replace(',', '.');
      const n = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normalised) ? Number(normalised) : NaN;
      if (!Number.isFinite(n) || Math.abs(n) > 1e15) {
        return { error: { field: path, key: 'directory:fields.invalidNumber', params: { value: trimmed } } };
      }
      return { value: n };
    }
    case 'DATE':
      if (!isIsoDate(trimmed)) return { error: { field: path, key: 'directory:invalidDate' } };
      return { value: trimmed };
    case 'CHOICE': {
      const wanted = fold(trimmed);
      const choice = field.choices.find(
        (c) =>
          c.key === trimmed ||
          fold(c.key) === wanted ||
          LANGUAGES.some((l) => c.label[l] && fold(c.label[l]!.text) === wanted),
      );
      if (!choice) {
        return {
          error: {
            field: path,
            key: 'directory:fields.invalidChoice',
            params: { value: trimmed, values: field.choices.map((c) => c.key).join(', ') },
          },
        };
      }
      return { value: choice.key };
    }
  }
}

/** A stored value as text: the choice's label in `lang` (its key when it has none), a number as written. */
export function formatFieldValue(field: FieldDefinition, value: FieldValue, lang: Language): string {
  if (field.type === 'CHOICE') {
    const choice = field.choices.find((c) => c.key === value);
    if (!choice) return String(value);
    const order = [lang, ...LANGUAGES];
    for (const l of order) if (choice.label[l]?.text) return choice.label[l]!.text;
    return choice.key;
  }
  return String(value);
}
