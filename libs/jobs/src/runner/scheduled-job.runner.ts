import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '@enlace/core';
import { Claim, JobClaimRepository } from './job-claim.repository';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BASE_MS,
  DEFAULT_STALE_AFTER_MS,
  JobSchedule,
  slotOf,
} from './job-schedule';

export type JobRunResult =
  | { readonly ran: false; readonly slot: Date }
  | { readonly ran: true; readonly slot: Date; readonly claim: Claim; readonly status: 'DONE' | 'FAILED' };

/**
 * The helper every scheduled job goes through (STYLE rule 11): claim `(job, slot)` in `job_run`,
 * keep the claim alive with a heartbeat while the work runs, record the outcome. The work receives
 * an `AbortSignal` that fires if the claim is lost (another process took over a run it believed
 * dead) or a shutdown's grace period is over, so it can stop between units of work.
 */
@Injectable()
export class ScheduledJobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ScheduledJobRunner');
  /** Identifies this process's claims in `job_run.owner`. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  /** Every call of `run` still going (claiming or working), with the signal its work receives. */
  private readonly active = new Map<Promise<unknown>, AbortController>();
  private closing = false;

  constructor(
    private readonly claims: JobClaimRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True once the process is shutting down: `run` claims nothing more. */
  get stopping(): boolean {
    return this.closing;
  }

  /**
   * On shutdown: no new claim, and the runs in hand are awaited. One still going when
   * `SHUTDOWN_GRACE_MS` is over is told to stop (its signal aborts, so it stops between units of
   * work), recorded FAILED and retried by the next tick of any process.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const runs = [...this.active.keys()];
    if (runs.length === 0) return;
    const timer = setTimeout(() => {
      this.logger.warn(`shutdown grace period over: ${this.active.size} job run(s) told to stop`);
      for (const controller of this.active.values()) controller.abort(new Error('shutting down'));
    }, this.config.shutdownGraceMs);
    try {
      await Promise.allSettled(runs);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Claims the slot `now` falls in and, if this process won it, runs `work`. `now` defaults to the
   * database's clock, so processes on machines whose clocks disagree still agree on the slot.
   */
  async run(
    schedule: JobSchedule,
    work: (signal: AbortSignal, slot: Date) => Promise<unknown>,
    now?: Date,
  ): Promise<JobRunResult> {
    if (this.closing) return { ran: false, slot: slotOf(schedule, now ?? new Date()) };
    const stop = new AbortController();
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.active.set(done, stop); // from before the claim: a shutdown waits for a claim in progress too
    try {
      return await this.claimAndRun(schedule, work, stop, now);
    } finally {
      this.active.delete(done);
      settle();
    }
  }

  private async claimAndRun(
    schedule: JobSchedule,
    work: (signal: AbortSignal, slot: Date) => Promise<unknown>,
    stop: AbortController,
    now?: Date,
  ): Promise<JobRunResult> {
    const slot = slotOf(schedule, now ?? (await this.claims.databaseNow()));
    const staleAfterMs = schedule.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    const claim = await this.claims.claim({
      job: schedule.name,
      slot,
      owner: this.owner,
      staleAfterMs,
      maxAttempts: schedule.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryBaseMs: schedule.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    });
    if (!claim) return { ran: false, slot };

    const beat = setInterval(
      () => {
        this.claims.heartbeat(schedule.name, slot, this.owner).then(
          (held) => {
            if (!held) stop.abort(new Error(`claim of ${schedule.name} ${slot.toISOString()} lost`));
          },
          (error: unknown) => this.logger.warn(`heartbeat of ${schedule.name} failed: ${String(error)}`),
        );
      },
      Math.max(50, Math.floor(staleAfterMs / 3)),
    );
    try {
      const result = await work(stop.signal, slot);
      clearInterval(beat);
      await this.claims.finish(schedule.name, slot, this.owner, { status: 'DONE', result });
      return { ran: true, slot, claim, status: 'DONE' };
    } catch (error) {
      clearInterval(beat);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`${schedule.name} ${slot.toISOString()} attempt ${claim.attempt} failed: ${message}`);
      await this.claims.finish(schedule.name, slot, this.owner, { status: 'FAILED', error: message });
      return { ran: true, slot, claim, status: 'FAILED' };
    }
  }
}
