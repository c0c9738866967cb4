/**
 * When a scheduled job is due. A job ticks more often than it is due (every minute, say); each tick
 * works out the current slot and tries to claim it, so a slot missed while every worker was down,
 * or a run that crashed, is caught up on the next tick of the same period.
 */
export interface JobSchedule {
  /** Stable name: the `job` column of `job_run`. */
  readonly name: string;
  /** Length of one slot: the job runs once per period. */
  readonly everyMs: number;
  /** Slots start this long after each multiple of `everyMs` since the epoch (UTC), e.g. 07:00 for a daily job. */
  readonly offsetMs?: number;
  /** A RUNNING claim whose heartbeat is older than this is considered crashed and taken over. */
  readonly staleAfterMs?: number;
  /** A failed slot is retried (with exponential backoff) until it has been attempted this many times. */
  readonly maxAttempts?: number;
  /** First retry delay of a failed slot; doubles with each attempt. */
  readonly retryBaseMs?: number;
}

export const DEFAULT_STALE_AFTER_MS = 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_BASE_MS = 60_000;

/** The start of the slot `now` falls in. */
export function slotOf(schedule: Pick<JobSchedule, 'everyMs' | 'offsetMs'>, now: Date): Date {
  if (!Number.isInteger(schedule.everyMs) || schedule.everyMs <= 0)
    throw new Error('everyMs must be a positive integer');
  const offset = schedule.offsetMs ?? 0;
  const t = now.getTime() - offset;
  return new Date(Math.floor(t / schedule.everyMs) * schedule.everyMs + offset);
}
