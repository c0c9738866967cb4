/**
 * Wall-clock times in IANA zones, for records held somewhere on Earth (a meeting in Kinshasa, a
 * training in Montevideo): stored as instants, given and shown as the local time of the place.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * One formatter per zone, made once (building one costs far more than using it; see i18n/dates.ts),
 * emptied should the zones ever pass a few thousand.
 */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let found = wallClocks.get(zone);
  if (!found) {
    if (wallClocks.size >= 2000) wallClocks.clear();
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(zone, found);
  }
  return found;
}

/** The wall-clock fields of `instant` in `zone`. */
function wallClock(instant: number, zone: string): number {
  const parts = wallClockFormat(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * The instant at which the clocks of `zone` read `local` ("2011-05-25T10:00"), or null when `local`
 * is not a real time there (malformed, or skipped by a daylight-saving change). Ambiguous times (the
 * hour repeated when clocks go back) resolve to the earlier instant.
 */
export function localToInstant(local: string, zone: string): Date | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  if (year < 1900 || year > 2999) return null;
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // The zone's offset at a first guess, then at the corrected instant (it differs across a DST change).
  let instant = wanted - (wallClock(wanted, zone) - wanted);
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(instant, zone) - instant;
    instant = wanted - offset;
  }
  const earlier = instant - 3_600_000;
  if (wallClock(earlier, zone) === wanted) instant = earlier;
  return wallClock(instant, zone) === wanted ? new Date(instant) : null;
}

/** `instant` as the local wall-clock time of `zone`, "YYYY-MM-DDTHH:mm" (seconds only when not zero). */
export function instantToLocal(instant: Date, zone: string): string {
  const iso = new Date(wallClock(instant.getTime(), zone)).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}
