import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobSchedule, ScheduledJobRunner } from '@enlace/core';
import { CredentialsMaintenanceService } from '@enlace/identity';

/** Hourly: deletes expired sessions, used reset links, dead invitations and old rate-limit windows. */
export const CREDENTIALS_PURGE: JobSchedule = { name: 'credentials-purge', everyMs: 3_600_000 };

@Injectable()
export class CredentialsPurgeJob {
  private readonly logger = new Logger(CredentialsPurgeJob.name);

  constructor(
    private readonly runner: ScheduledJobRunner,
    private readonly maintenance: CredentialsMaintenanceService,
  ) {}

  /** Ticks every minute; the hour's slot runs once across every process (`job_run`). */
  @Cron(CronExpression.EVERY_MINUTE, { name: CREDENTIALS_PURGE.name })
  async tick(): Promise<void> {
    try {
      const run = await this.runner.run(CREDENTIALS_PURGE, async () => {
        const counts = await this.maintenance.purgeExpired();
        this.logger.log(`purged expired credentials ${JSON.stringify(counts)}`);
        return counts;
      });
      if (run.ran && run.status === 'FAILED') this.logger.warn(`credentials purge of ${run.slot.toISOString()} failed`);
    } catch (error) {
      this.logger.error(`credentials purge could not be claimed: ${String(error)}`);
    }
  }
}
