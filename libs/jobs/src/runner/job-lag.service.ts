import { Injectable } from '@nestjs/common';
import type { SlotJob } from '../job-definition';
import { JOBS } from '../jobs';
import { JobClaimRepository } from './job-claim.repository';
import { slotOf } from './job-schedule';

export interface JobLag {
  readonly job: string;
  /** How long the oldest slot not yet DONE has been due, in seconds; 0 when the current slot is DONE. */
  readonly lagSeconds: number;
}

/**
 * How far behind its schedule each slot job is (the metrics' job lag), read from `job_run` with the
 * database's clock, so any process can tell — an api beside the workers included. A job whose
 * newest DONE slot is `S` has been late since `S + everyMs` was due; one that never ran, since the
 * current slot began.
 */
@Injectable()
export class JobLagService {
  private readonly slotJobs = JOBS.filter((job): job is SlotJob => job.schedule !== null);

  constructor(private readonly claims: JobClaimRepository) {}

  async lag(): Promise<JobLag[]> {
    const { now, lastDone } = await this.claims.lastDone(this.slotJobs.map((job) => job.name));
    return this.slotJobs.map((job) => {
      const done = lastDone.get(job.name) ?? null;
      const lateSince = done === null ? slotOf(job.schedule, now).getTime() : done.getTime() + job.schedule.everyMs;
      return { job: job.name, lagSeconds: Math.max(0, (now.getTime() - lateSince) / 1000) };
    });
  }
}
