import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { MessageService } from '@enlace/channels';
import { JobSchedule, ScheduledJobRunner } from '@enlace/core';

/** Hourly: deletes the messages older than their channel's retention period. */
export const CHANNEL_RETENTION: JobSchedule = { name: 'channel-retention', everyMs: 3_600_000 };

@Injectable()
export class ChannelRetentionJob {
  private readonly logger = new Logger(ChannelRetentionJob.name);

  constructor(
    private readonly runner: ScheduledJobRunner,
    private readonly messages: MessageService,
  ) {}

  /** Ticks every ten minutes; the hour's slot runs once across every process (`job_run`). */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: CHANNEL_RETENTION.name })
  async tick(): Promise<void> {
    try {
      await this.runner.run(CHANNEL_RETENTION, async () => {
        const purged = await this.messages.purgeExpired();
        this.logger.log(`channel retention purged ${purged} message(s)`);
        return { purged };
      });
    } catch (error) {
      this.logger.error(`channel retention could not be claimed: ${String(error)}`);
    }
  }
}
