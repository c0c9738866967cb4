import { countries, DEFAULT_TIME_ZONE, formatDate, type Language, type Translator } from '@enlace/core';

/**
 * An ISO date or date-time, written for a reader of `lang` in their time zone (`formatDate`): a date
 * (a term's first or end day) is a calendar day, the same everywhere; a date-time (a digest's
 * "since", a link's expiry) is shown in `timeZone` with its short name ("1 December 2026 at 14:30 GMT-3").
 */
export function formatDateParam(value: string, lang: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatDate(value, lang, timeZone);
}

/**
 * Parameters as the templates use them, in the reader's language: ISO dates formatted, a `role`
 * code given as `roleName` (`identity:roles.*`), a `memberState` code as `memberStateName`, and a
 * comma-separated list of `memberStates` codes as `memberStateNames` ("Argentina and Brazil").
 */
export function localiseParams(
  params: Readonly<Record<string, unknown>>,
  t: Translator,
  /** The reader's IANA time zone, for date-times. */
  timeZone: string = DEFAULT_TIME_ZONE,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number') out[key] = value;
    else if (typeof value === 'string') out[key] = formatDateParam(value, t.lang, timeZone);
  }
  if (typeof params.role === 'string' && out.roleName === undefined) {
    out.roleName = t.t(`identity:roles.${params.role}`);
  }
  if (typeof params.memberState === 'string' && out.memberStateName === undefined) {
    out.memberStateName = countries.getName(params.memberState, t.lang) ?? params.memberState;
  }
  // The seat a term holds: the role, and for a focal point or alternate the member state it is bound to.
  if (typeof out.roleName === 'string' && out.seatName === undefined) {
    out.seatName =
      typeof out.memberStateName === 'string' && out.memberStateName !== ''
        ? t.t('notifications:seat', { roleName: out.roleName, memberStateName: out.memberStateName })
        : out.roleName;
  }
  if (typeof params.memberStates === 'string' && out.memberStateNames === undefined) {
    const names = params.memberStates
      .split(',')
      .filter((code) => code !== '')
      .map((code) => countries.getName(code, t.lang) ?? code);
    out.memberStateNames = new Intl.ListFormat(t.lang, { style: 'long', type: 'conjunction' }).format(names);
  }
  return out;
}
