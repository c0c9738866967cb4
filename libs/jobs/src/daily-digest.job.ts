import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobSchedule, ScheduledJobRunner } from '@enlace/core';
import { DigestService } from '@enlace/notifications';

/** Daily at 07:00 UTC: one digest per person of what happened since their last one. */
export const DAILY_DIGEST: JobSchedule = { name: 'daily-digest', everyMs: 86_400_000, offsetMs: 7 * 3_600_000 };

@Injectable()
export class DailyDigestJob {
  private readonly logger = new Logger(DailyDigestJob.name);

  constructor(
    private readonly runner: ScheduledJobRunner,
    private readonly digests: DigestService,
  ) {}

  /** Ticks every five minutes; the day's slot runs once across every process, retried if it crashed. */
  @Cron(CronExpression.EVERY_5_MINUTES, { name: DAILY_DIGEST.name })
  async tick(): Promise<void> {
    try {
      await this.runner.run(DAILY_DIGEST, async (signal) => {
        const counts = await this.digests.sendDigests(new Date(), signal);
        this.logger.log(`daily digests ${JSON.stringify(counts)}`);
        return counts;
      });
    } catch (error) {
      this.logger.error(`daily digest could not be claimed: ${String(error)}`);
    }
  }
}
