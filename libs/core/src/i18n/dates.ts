import type { Language } from './languages';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time-zones';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Formatters by language and options, made once: building an `Intl.DateTimeFormat` costs ~0.5 ms
 * (ICU loads its patterns; measured on the busy 2-core machine), formatting with one microseconds, and a plan report writes two
 * dates per action. The options come from this file, with one of the few hundred IANA zones: the
 * cache stays small, and is emptied should it ever pass `MAX_FORMATTERS`.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 2000;
function dateFormatter(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${options.dateStyle ?? ''}|${options.timeStyle ?? ''}|${options.timeZone ?? ''}|${options.timeZoneName ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    found = new Intl.DateTimeFormat(lang, options);
    formatters.set(key, found);
  }
  return found;
}

/** `Intl.DateTimeFormat`'s text, with the ordinal French writes for the first of a month ("1er"). */
function format(date: Date, lang: Language, options: Intl.DateTimeFormatOptions): string {
  const formatter = dateFormatter(lang, options);
  const text = formatter.format(date);
  if (lang !== 'fr' || formatter.formatToParts(date).find((p) => p.type === 'day')?.value !== '1') return text;
  return text.replace(/^1(?=\s)/, '1er'); // French dates start with the day: "1er décembre 2026 à 12:00"
}

/** The short name of `timeZone` at `date` for a reader of `lang` ("UTC", "GMT-3", "CET"). */
function zoneLabel(date: Date, lang: Language, timeZone: string): string {
  if (timeZone === DEFAULT_TIME_ZONE) return 'UTC';
  const part = dateFormatter(lang, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * An ISO date (`2026-12-01`) or date-time, written as a reader of `lang` reads it inside a sentence
 * ("December 1, 2026", "1 de diciembre de 2026", "1er décembre 2026"). A date is a calendar day, the
 * same everywhere; a date-time is shown in `timeZone` (default UTC) with its short name. Anything
 * else, an impossible day included, is returned as it is.
 */
export function formatDate(value: string, lang: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return value;
    return format(date, lang, { dateStyle: 'long', timeZone: 'UTC' });
  }
  if (DATE_TIME.test(value)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const zone = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE;
    return `${format(date, lang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone })} ${zoneLabel(date, lang, zone)}`;
  }
  return value;
}
