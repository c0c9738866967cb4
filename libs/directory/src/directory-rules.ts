import countries from 'i18n-iso-countries';
import { DomainError, type FieldError, LANGUAGES, type Language } from '@enlace/core';

export const ORGANISATION_TYPES = [
  'GOVERNMENT',
  'CIVIL_SOCIETY',
  'INTERGOVERNMENTAL',
  'UN',
  'ACADEMIC',
  'OTHER',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const CONTACT_KINDS = ['EMAIL', 'PHONE'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const RELATIONSHIP_TYPES = ['WORKS_FOR', 'REPRESENTS', 'PARTNERS_WITH', 'REPORTS_TO'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Roles a handover designates: one current holder per member state and network. */
export const HANDOVER_ROLES = ['FOCAL_POINT', 'ALTERNATE_FOCAL_POINT'] as const;
export type HandoverRole = (typeof HANDOVER_ROLES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{5,30}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export function isPhone(value: string): boolean {
  return PHONE.test(value) && /\d{5,}/.test(value.replace(/\D/g, ''));
}

/** An assigned ISO 3166-1 alpha-2 code in capitals. */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Trims, and turns an empty string into null (optional text fields). */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

export function throwIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw DomainError.badInput(errors);
}

/**
 * The words of a search string, folded like the search documents (lowercase, no accents). Anything
 * that is not a letter or a digit separates words, so quotes, SQL and regex characters are only text.
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => w.slice(0, 60));
}

/** A `to_tsquery('simple', …)` text matching every word as a prefix; tokens hold letters and digits only. */
export function prefixTsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}

/** Words long enough, and without digits, to be matched fuzzily (trigram similarity). */
export function isFuzzyWord(token: string): boolean {
  return token.length >= 4 && !/\d/.test(token);
}
