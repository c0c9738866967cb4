import { FieldError, isIsoDate } from '@enlace/core';

export const PLAN_STATUSES = ['DRAFT', 'ACTIVE', 'COMPLETED', 'ARCHIVED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ACTION_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const INDICATOR_VALUE_TYPES = ['NUMBER', 'INTEGER', 'PERCENT', 'YES_NO'] as const;
export type IndicatorValueType = (typeof INDICATOR_VALUE_TYPES)[number];

export const INDICATOR_DIRECTIONS = ['UP', 'DOWN'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const MAX_OBJECTIVES = 50;
export const MAX_ACTIONS_PER_OBJECTIVE = 100;
export const MAX_INDICATORS_PER_ACTION = 20;
/** A schedule generates at most this many due dates (10 years of monthly reports). */
export const MAX_DUE_DATES = 120;

/** The lifecycle of a plan: drafted, adopted (ACTIVE), completed, archived; an active plan may go back to draft. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  DRAFT: ['ACTIVE', 'ARCHIVED'],
  ACTIVE: ['DRAFT', 'COMPLETED', 'ARCHIVED'],
  COMPLETED: ['ACTIVE', 'ARCHIVED'],
  ARCHIVED: [],
};

export function planTransitionError(from: PlanStatus, to: PlanStatus): FieldError | null {
  if (from === to || PLAN_TRANSITIONS[from].includes(to)) return null;
  return { field: 'status', key: 'action-plans:illegalTransition', params: { from, to } };
}

/** Start and end dates as YYYY-MM-DD with end ≥ start, reported on the given field names. */
export function checkDateRange(
  start: unknown,
  end: unknown,
  fields: { start: string; end: string },
  endBeforeKey = 'action-plans:endBeforeStart',
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(start)) errors.push({ field: fields.start, key: 'action-plans:invalidDate' });
  if (!isIsoDate(end)) errors.push({ field: fields.end, key: 'action-plans:invalidDate' });
  if (errors.length === 0 && (end as string) < (start as string)) errors.push({ field: fields.end, key: endBeforeKey });
  return errors;
}

export function progressError(progress: unknown, field = 'progress'): FieldError | null {
  if (Number.isInteger(progress) && (progress as number) >= 0 && (progress as number) <= 100) return null;
  return { field, key: 'action-plans:progressRange' };
}

/**
 * A weight greater than 0, at most 1000, that the column keeps as given (numeric(8, 2)): more than
 * two decimals would be rounded on write, 0.001 to 0, which the column's check refuses.
 */
export function weightError(weight: unknown, field = 'weight'): FieldError | null {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > 1000) {
    return { field, key: 'action-plans:weightPositive' };
  }
  const cents = weight * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6 ? null : { field, key: 'action-plans:weightDecimals' };
}

/** Does `value` fit the indicator's kind of value (a count is whole, a percentage 0–100, yes/no 0 or 1)? */
export function indicatorValueError(type: IndicatorValueType, value: unknown, field = 'value'): FieldError | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { field, key: 'action-plans:valueType.NUMBER' };
  switch (type) {
    case 'INTEGER':
      return Number.isInteger(value) ? null : { field, key: 'action-plans:valueType.INTEGER' };
    case 'PERCENT':
      return value >= 0 && value <= 100 ? null : { field, key: 'action-plans:valueType.PERCENT' };
    case 'YES_NO':
      return value === 0 || value === 1 ? null : { field, key: 'action-plans:valueType.YES_NO' };
    default:
      return null;
  }
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The due dates of a reporting schedule: the end of each period of `everyMonths` months from
 * `start`, while it falls on or before `end` (a report is due when its period closes). Days past a
 * month's end fall on its last day (31 January + 1 month → 28 or 29 February).
 */
export function dueDates(schedule: { start: string; end: string; everyMonths: number }): string[] {
  const dates: string[] = [];
  for (let k = 1; k <= MAX_DUE_DATES + 1; k++) {
    const date = addMonths(schedule.start, k * schedule.everyMonths);
    if (date > schedule.end) break;
    dates.push(date);
  }
  return dates;
}

export function scheduleErrors(schedule: { start: unknown; end: unknown; everyMonths: unknown }): FieldError[] {
  const errors = checkDateRange(schedule.start, schedule.end, {
    start: 'schedule.start',
    end: 'schedule.end',
  });
  const every = schedule.everyMonths;
  if (!Number.isInteger(every) || (every as number) < 1 || (every as number) > 60) {
    errors.push({ field: 'schedule.everyMonths', key: 'validation:outOfRange', params: { min: 1, max: 60 } });
  }
  if (errors.length > 0) return errors;
  const dates = dueDates(schedule as { start: string; end: string; everyMonths: number });
  if (dates.length === 0) errors.push({ field: 'schedule.end', key: 'action-plans:scheduleEmpty' });
  if (dates.length > MAX_DUE_DATES) {
    errors.push({ field: 'schedule', key: 'action-plans:scheduleTooLong', params: { max: MAX_DUE_DATES } });
  }
  return errors;
}
