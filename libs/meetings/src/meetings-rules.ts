import type { FieldError } from '@enlace/core';

export const MEETING_KINDS = [
  'PLENARY',
  'REGIONAL_COMMITTEE',
  'STEERING_GROUP',
  'WORKING_GROUP',
  'CONSULTATION',
  'WEBINAR',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['DRAFT', 'SCHEDULED', 'HELD', 'CLOSED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const HOST_ROLES = ['HOST', 'CO_HOST', 'CHAIR'] as const;
export type HostRole = (typeof HOST_ROLES)[number];

export const RSVP_RESPONSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

/** Attendance of an invitee, recorded after the meeting. */
export const ATTENDANCES = ['PRESENT', 'ABSENT', 'EXCUSED'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** The lifecycle of SPEC §4.3: where each status may go next (rescheduling keeps SCHEDULED). */
export const TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  DRAFT: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['HELD', 'CANCELLED'],
  HELD: ['CLOSED'],
  CLOSED: [],
  CANCELLED: [],
};

/** A meeting longer than this is a typing error (a plenary runs three days, a consultation a week). */
export const MAX_MEETING_DAYS = 14;
export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 5000;
/** Invitees one call may add (a role of a large network resolves to a few hundred people at most). */
export const MAX_INVITEES_PER_CALL = 500;

/** The field error for a lifecycle step that `from` does not allow, naming the allowed ones. */
export function transitionError(from: MeetingStatus, to: MeetingStatus): FieldError | null {
  if (TRANSITIONS[from].includes(to)) return null;
  return { field: 'status', key: 'meetings:illegalTransition', params: { from, to } };
}

/** Is `zone` an IANA time-zone name this runtime knows ("Africa/Kinshasa"; not "+01:00" or "CET+1")? */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall-clock fields of `instant` in `zone`. */
function wallClock(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
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

export interface ScheduleInput {
  readonly start?: string | null;
  readonly end?: string | null;
  readonly timeZone?: string | null;
}

/** Checks a meeting's local start, end and zone; returns the instants, or the field errors. */
export function checkSchedule(
  input: ScheduleInput,
  path = '',
): { startsAt: Date | null; endsAt: Date | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const zone = input.timeZone;
  if (!isTimeZone(zone)) {
    errors.push({ field: `${path}timeZone`, key: 'meetings:unknownTimeZone', params: { value: String(zone ?? '') } });
    return { startsAt: null, endsAt: null, errors };
  }
  const startsAt = typeof input.start === 'string' ? localToInstant(input.start, zone) : null;
  const endsAt = typeof input.end === 'string' ? localToInstant(input.end, zone) : null;
  if (!startsAt) errors.push({ field: `${path}start`, key: 'meetings:invalidLocalTime', params: { zone } });
  if (!endsAt) errors.push({ field: `${path}end`, key: 'meetings:invalidLocalTime', params: { zone } });
  if (startsAt && endsAt) {
    if (endsAt.getTime() <= startsAt.getTime()) errors.push({ field: `${path}end`, key: 'meetings:endBeforeStart' });
    else if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_DAYS * 86_400_000) {
      errors.push({ field: `${path}end`, key: 'meetings:tooLong', params: { count: MAX_MEETING_DAYS } });
    }
  }
  return { startsAt, endsAt, errors };
}

/** An online link must be an absolute http(s) URL: a calendar program opens it as it is. */
export function checkOnlineUrl(url: string | null | undefined, field = 'onlineUrl'): FieldError[] {
  if (url === null || url === undefined || url === '') return [];
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return url.length <= 2000 ? [] : tooLong(field);
  } catch {
    // falls through
  }
  return [{ field, key: 'meetings:invalidUrl' }];
}

function tooLong(field: string): FieldError[] {
  return [{ field, key: 'validation:tooLong', params: { max: 2000 } }];
}
