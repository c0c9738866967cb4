import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, QueueJob, SlotJob } from './job-definition';
import { JobRunResult, ScheduledJobRunner } from './runner/scheduled-job.runner';

/** True when a result only counts things and every count is zero: a tick that found nothing to do. */
function isIdle(result: unknown): boolean {
  return (
    typeof result === 'object' &&
    result !== null &&
    Object.values(result).every((value) => typeof value === 'number' && value === 0)
  );
}

/**
 * Runs the jobs of `JOBS` when their tick comes (the jobs module registers the ticks): a slot job
 * claims its slot through `ScheduledJobRunner` and then calls its service; a queue job calls its
 * service unless its previous tick in this process is still running. A tick never throws.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger('JobScheduler');
  private readonly running = new Set<string>();

  constructor(
    private readonly runner: ScheduledJobRunner,
    private readonly moduleRef: ModuleRef,
  ) {}

  async tick(job: Job): Promise<void> {
    if (job.schedule === null) return this.tickQueue(job);
    try {
      await this.runSlot(job);
    } catch (error) {
      this.logger.error(`${job.name} could not be claimed: ${String(error)}`);
    }
  }

  /** Claims the slot `now` falls in (the database's clock when left out) and, if won, runs the job. */
  runSlot(job: SlotJob, now?: Date): Promise<JobRunResult> {
    const service = this.moduleRef.get(job.service, { strict: false });
    return this.runner.run(
      { name: job.name, ...job.schedule },
      async (signal, slot) => {
        const result = await job.run(service, slot, signal);
        this.logger.log(`${job.name} ${slot.toISOString()} ${JSON.stringify(result)}`);
        return result;
      },
      now,
    );
  }

  private async tickQueue(job: QueueJob): Promise<void> {
    if (this.running.has(job.name)) return; // the previous tick is still working: never two loops in one process
    this.running.add(job.name);
    try {
      const result = await job.run(this.moduleRef.get(job.service, { strict: false }));
      if (!isIdle(result)) this.logger.log(`${job.name} ${JSON.stringify(result)}`);
    } catch (error) {
      this.logger.error(`${job.name} failed: ${String(error)}`);
    } finally {
      this.running.delete(job.name);
    }
  }
}
