import countries from 'i18n-iso-countries';
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

/** The collected field errors of one input, as one BAD_USER_INPUT error; nothing when there are none. */
export function throwIfAny(errors: readonly FieldError[]): void {
  if (errors.length > 0) throw DomainError.badInput(errors);
}
