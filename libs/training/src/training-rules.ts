import { FieldError, instantToLocal, isTimeZone, localToInstant } from '@enlace/core';

export const CURRICULUM_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type CurriculumStatus = (typeof CURRICULUM_STATUSES)[number];

export const TRAINING_FORMATS = ['IN_PERSON', 'ONLINE', 'HYBRID'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

export const TRAINING_STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'RUNNING', 'COMPLETED', 'CANCELLED'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export const ENROLMENT_STATUSES = [
  'CONFIRMED',
  'WAITLISTED',
  'ATTENDED',
  'COMPLETED',
  'DECLINED',
  'WITHDRAWN',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Enrolments that hold a seat (and count against their country's quota). */
export const SEATED: readonly EnrolmentStatus[] = ['CONFIRMED', 'ATTENDED', 'COMPLETED'];

/** The lifecycle of a training (SPEC §4.2): nominations open, close, the training runs and completes. */
export const TRAINING_TRANSITIONS: Readonly<Record<TrainingStatus, readonly TrainingStatus[]>> = {
  DRAFT: ['OPEN', 'CANCELLED'],
  OPEN: ['CLOSED', 'CANCELLED'],
  CLOSED: ['OPEN', 'RUNNING', 'CANCELLED'],
  RUNNING: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

export const MAX_MODULES = 50;
export const MAX_TRAINING_DAYS = 62;

export function trainingTransitionError(from: TrainingStatus, to: TrainingStatus): FieldError | null {
  if (TRAINING_TRANSITIONS[from].includes(to)) return null;
  return { field: 'status', key: 'training:illegalTransition', params: { from, to } };
}

/**
 * Where a new nomination goes: a seat when the training has one free and the nominee's country is
 * under its quota (no quota: only capacity counts), otherwise the waitlist.
 */
export function seatFor(input: {
  readonly capacity: number;
  readonly seated: number;
  readonly quota: number | null;
  readonly seatedInCountry: number;
}): 'CONFIRMED' | 'WAITLISTED' {
  if (input.seated >= input.capacity) return 'WAITLISTED';
  if (input.quota !== null && input.seatedInCountry >= input.quota) return 'WAITLISTED';
  return 'CONFIRMED';
}

/**
 * Whom a freed seat goes to: the earliest waitlisted nomination whose country is under its quota, or
 * nobody. `waitlist` is in nomination order.
 */
export function nextToPromote<T extends { readonly memberState: string }>(
  waitlist: readonly T[],
  quotas: ReadonlyMap<string, number>,
  seatedByCountry: ReadonlyMap<string, number>,
): T | null {
  for (const candidate of waitlist) {
    const quota = quotas.get(candidate.memberState);
    if (quota === undefined || (seatedByCountry.get(candidate.memberState) ?? 0) < quota) return candidate;
  }
  return null;
}

/** A training's local start and end in its zone, checked; the instants or the field errors. */
export function checkTrainingDates(input: { start?: string | null; end?: string | null; timeZone?: string | null }): {
  startsAt: Date | null;
  endsAt: Date | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  if (!isTimeZone(input.timeZone)) {
    errors.push({
      field: 'timeZone',
      key: 'meetings:unknownTimeZone',
      params: { value: String(input.timeZone ?? '') },
    });
    return { startsAt: null, endsAt: null, errors };
  }
  const startsAt = typeof input.start === 'string' ? localToInstant(input.start, input.timeZone) : null;
  const endsAt = typeof input.end === 'string' ? localToInstant(input.end, input.timeZone) : null;
  if (!startsAt) errors.push({ field: 'start', key: 'meetings:invalidLocalTime', params: { zone: input.timeZone } });
  if (!endsAt) errors.push({ field: 'end', key: 'meetings:invalidLocalTime', params: { zone: input.timeZone } });
  if (startsAt && endsAt) {
    if (endsAt <= startsAt) errors.push({ field: 'end', key: 'meetings:endBeforeStart' });
    else if (endsAt.getTime() - startsAt.getTime() > MAX_TRAINING_DAYS * 86_400_000) {
      errors.push({ field: 'end', key: 'training:tooLong', params: { count: MAX_TRAINING_DAYS } });
    }
  }
  return { startsAt, endsAt, errors };
}

/** How a training decides who completed it (evaluated when it completes). */
export const COMPLETION_RULES = ['ALL_REQUIRED_MODULES', 'MIN_SHARE_OF_SESSIONS'] as const;
export type CompletionRule = (typeof COMPLETION_RULES)[number];

export const ATTENDANCE_STATUSES = ['PRESENT', 'ABSENT', 'EXCUSED'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Why an evaluated enrolment did not complete. */
export const COMPLETION_REASONS = ['NOT_ATTENDED', 'MISSED_REQUIRED_MODULES', 'SHARE_TOO_LOW'] as const;
export type CompletionReason = (typeof COMPLETION_REASONS)[number];

/** Enrolments attendance may be recorded for: those holding a seat in a training that runs. */
export const ATTENDING: readonly EnrolmentStatus[] = ['CONFIRMED', 'ATTENDED'];

export const MAX_SESSIONS = 100;
export const MAX_ATTENDANCE_ENTRIES = 500;

/** A completion rule and its share, checked: MIN_SHARE_OF_SESSIONS needs a share in (0, 1]; the other none. */
export function checkCompletionRule(rule: unknown, minShare: unknown): FieldError[] {
  if (!COMPLETION_RULES.includes(rule as CompletionRule)) {
    return [{ field: 'completionRule', key: 'validation:invalidValue' }];
  }
  if (rule === 'MIN_SHARE_OF_SESSIONS') {
    if (typeof minShare !== 'number' || !Number.isFinite(minShare) || minShare <= 0 || minShare > 1) {
      return [{ field: 'minSessionShare', key: 'training:invalidShare' }];
    }
  } else if (minShare !== null && minShare !== undefined) {
    return [{ field: 'minSessionShare', key: 'training:shareOnlyForShareRule' }];
  }
  return [];
}

/**
 * A session's local start and end in the training's zone, checked against the training's own dates:
 * the instants or the field errors.
 */
export function checkSessionTimes(
  input: { start?: string | null; end?: string | null },
  training: { readonly timeZone: string; readonly startsAt: Date; readonly endsAt: Date },
): { startsAt: Date | null; endsAt: Date | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const zone = training.timeZone;
  const startsAt = typeof input.start === 'string' ? localToInstant(input.start, zone) : null;
  const endsAt = typeof input.end === 'string' ? localToInstant(input.end, zone) : null;
  if (!startsAt) errors.push({ field: 'start', key: 'meetings:invalidLocalTime', params: { zone } });
  if (!endsAt) errors.push({ field: 'end', key: 'meetings:invalidLocalTime', params: { zone } });
  if (startsAt && endsAt) {
    if (endsAt <= startsAt) errors.push({ field: 'end', key: 'meetings:endBeforeStart' });
    else if (startsAt < training.startsAt || endsAt > training.endsAt) {
      errors.push({
        field: 'start',
        key: 'training:sessionOutsideDates',
        params: {
          trainingStart: instantToLocal(training.startsAt, zone).replace('T', ' '),
          trainingEnd: instantToLocal(training.endsAt, zone).replace('T', ' '),
          zone,
        },
      });
    }
  }
  return { startsAt, endsAt, errors };
}
