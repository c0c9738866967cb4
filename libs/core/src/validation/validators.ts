import { countries } from '../i18n/countries';
import { DomainError, type FieldError } from '../errors/domain-error';

/**
 * The one set of input validators every context uses. Pure functions; the contexts keep only the
 * rules that are theirs (slugs, phone numbers, channel names...).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients are checked before they reach SQL: a malformed id is simply not found. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A calendar date `YYYY-MM-DD` that exists, between 1900 and 2999 (terms and memberships, not
 * history). The one rule for every context: identity accepted 1900–2999 and the directory any four
 * digits; no test relied on years outside 1900–2999, and PostgreSQL would have stored year 0001 or
 * 9999 where no real term starts, so the stricter rule won.
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(?:19|2\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An assigned ISO 3166-1 alpha-2 code, in capitals (from the maintained `i18n-iso-countries` data):
 * a country, and the member state a focal point represents.
 */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

/** Longest email address SMTP accepts (RFC 5321 path limit), also the `account.email` check. */
export const MAX_EMAIL_LENGTH = 254;

/** The shape of an email address: something@domain.tld, no spaces (also what config accepts). */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address of a sendable length and shape. */
export function isEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(value);
}

/**
 * The form an email is compared, stored and rate-limited under: trimmed, Unicode NFC, lower case.
 * `account.email` is citext as well, so lookups never depend on the caller's capitalisation.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** Trims, and turns an empty string into null (optional text fields). */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = new RegExp(`${LONE_SURROGATE.source}|\\u0000`, 'g');

/**
 * The one text rule of every transport and every service that stores text: no NUL (PostgreSQL text
 * cannot hold it) and no lone surrogate (not Unicode: the driver would store U+FFFD instead). Neither
 * is ever data, so such text is refused, never cleaned.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** The field error of a string that is not storable text (`validation:invalidCharacters`); none otherwise. */
export function checkText(value: unknown, field: string): FieldError[] {
  return typeof value === 'string' && !isStorableText(value) ? [{ field, key: 'validation:invalidCharacters' }] : [];
}

/**
 * The path (`input.name`, `items.2`) of the first string in a decoded JSON value (keys included) that
 * is not storable text, or null: what a transport checks once it has decoded a client's payload.
 */
export function findUnstorableText(value: unknown, path = ''): string | null {
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], at(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      // A bad key is named too, written as well-formed text.
      if (!isStorableText(key)) return at(key.replace(UNSTORABLE, '\uFFFD'));
      const found = findUnstorableText(inner, at(key));
      if (found !== null) return found;
    }
  }
  return null;
}

/** The collected field errors of one input, as one BAD_USER_INPUT error; nothing when there are none. */
export function throwIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw DomainError.badInput(errors);
}
