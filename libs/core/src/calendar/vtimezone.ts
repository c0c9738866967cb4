import { DateTime } from 'luxon';

const DAY = 86_400_000;

/** "+0200" for 120 minutes east of UTC. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The local wall-clock time of `instant` at `offset` minutes, as iCalendar writes it (YYYYMMDDTHHMMSS). */
function localText(instant: number, offset: number): string {
  return new Date(instant + offset * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/**
 * The VTIMEZONE component of `zone` for events between `from` and `to`: one sub-component per offset
 * the zone observed over that span (a year either side), each with its onset, computed from the
 * runtime's own time-zone database (Intl, through luxon). Unlike fixed "current rules" files, it is
 * right for past meetings too: São Paulo kept daylight time in 2012, and a calendar program reading
 * this file shows a 2012 meeting at the hour it was held.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const dstAt = (ms: number) => DateTime.fromMillis(ms, { zone }).isInDST;
  const start = from.getTime() - 366 * DAY;
  const end = to.getTime() + 366 * DAY;
  let previous = offsetAt(start);
  const parts: string[] = [component(dstAt(start), start, previous, previous)];
  for (let t = start + DAY; t <= end; t += DAY) {
    const offset = offsetAt(t);
    if (offset === previous) continue;
    // The onset is the first minute with the new offset, found by halving the day.
    let low = t - DAY;
    let high = t;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(middle) === previous) low = middle;
      else high = middle;
    }
    parts.push(component(dstAt(high), high, previous, offset));
    previous = offset;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`, ...parts, 'END:VTIMEZONE', ''].join('\r\n');
}

function component(daylight: boolean, onset: number, from: number, to: number): string {
  const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localText(onset, from)}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `END:${kind}`,
  ].join('\r\n');
}
