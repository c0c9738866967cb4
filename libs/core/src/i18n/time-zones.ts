import { COUNTRY_TIME_ZONES } from './country-time-zones';

/** The time zone of a person whose country is unknown (and of dates written for no one in particular). */
export const DEFAULT_TIME_ZONE = 'UTC';

const SHAPE = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$/;

/**
 * An IANA time zone name as the platform's time-zone data spells it (`america/lima` → `America/Lima`),
 * or null when it is none (an offset such as `+03:00` or `GMT-3` is not a zone: offsets change with
 * daylight saving time).
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 64 || !SHAPE.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isTimeZone(value: unknown): value is string {
  return canonicalTimeZone(value) !== null;
}

/** The main time zone of a country (ISO 3166-1 alpha-2), UTC when none is known. */
export function countryTimeZone(countryCode: string | null | undefined): string {
  return (countryCode && COUNTRY_TIME_ZONES[countryCode.trim().toUpperCase()]) || DEFAULT_TIME_ZONE;
}

/** The time zone a person reads dates in: the one they (or their secretariat) chose, else their country's. */
export function personTimeZone(chosen: string | null | undefined, countryCode: string | null | undefined): string {
  return canonicalTimeZone(chosen) ?? countryTimeZone(countryCode);
}
