import type { Type } from '@nestjs/common';
import type { JobSchedule } from './runner/job-schedule';

/** When a slot job is due: its period (and claim tuning), keyed in `job_run` by the job's name. */
export type JobPeriod = Omit<JobSchedule, 'name'>;

/**
 * A slot job: runs once per slot of `schedule` across every process (the claim of `(name, slot)` in
 * `job_run`), as one call of one service. `signal` aborts if the claim is lost.
 */
export interface SlotJob<S = unknown> {
  readonly name: string;
  /** How often each process wakes up to claim the current slot: how soon a missed slot is caught up. */
  readonly tickMs: number;
  readonly schedule: JobPeriod;
  readonly service: Type<S>;
  run(service: S, slot: Date, signal: AbortSignal): Promise<unknown>;
}

/**
 * A queue job: every process runs it on every tick (never two at once in one process), because the
 * service claims its own units of work (e.g. outbox rows with `FOR UPDATE SKIP LOCKED` and a lease).
 */
export interface QueueJob<S = unknown> {
  readonly name: string;
  readonly tickMs: number;
  readonly schedule: null;
  readonly service: Type<S>;
  run(service: S): Promise<unknown>;
}

export type Job<S = unknown> = SlotJob<S> | QueueJob<S>;

/** Declares a job (infers the service type for `run`). Register it in `JOBS` (jobs.ts). */
export function defineJob<S>(job: SlotJob<S>): SlotJob<S>;
export function defineJob<S>(job: QueueJob<S>): QueueJob<S>;
export function defineJob<S>(job: Job<S>): Job<S> {
  return job;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
