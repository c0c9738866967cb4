import { FieldError, isTimeZone, localToInstant } from '@enlace/core';

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
