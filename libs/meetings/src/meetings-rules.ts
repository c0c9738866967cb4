import { type FieldError, isTimeZone, localToInstant } from '@enlace/core';

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
