import { countries, type Language, type Translator } from '@enlace/core';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date or date-time, written for a reader of `lang` (UTC: recipients are in many time zones). */
export function formatDateParam(value: string, lang: Language): string {
  if (DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  if (DATE_TIME.test(value)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
  }
  return value;
}

/**
 * Parameters as the templates use them, in the reader's language: ISO dates formatted, a `role`
 * code given as `roleName` (`identity:roles.*`), a `memberState` code as `memberStateName`, and a
 * comma-separated list of `memberStates` codes as `memberStateNames` ("Argentina and Brazil").
 */
export function localiseParams(
  params: Readonly<Record<string, unknown>>,
  t: Translator,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number') out[key] = value;
    else if (typeof value === 'string') out[key] = formatDateParam(value, t.lang);
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
