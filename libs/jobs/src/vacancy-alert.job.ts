import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { JobRunResult, JobSchedule, ScheduledJobRunner } from '@enlace/core';
import { VacancyAlertService } from '@enlace/directory';

/** Daily at 06:00 UTC: each network's secretariat hears of its member states with no focal point. */
export const VACANCY_ALERT: JobSchedule = { name: 'vacancy-alert', everyMs: 86_400_000, offsetMs: 6 * 3_600_000 };

@Injectable()
export class VacancyAlertJob {
  private readonly logger = new Logger(VacancyAlertJob.name);

  constructor(
    private readonly runner: ScheduledJobRunner,
    private readonly vacancies: VacancyAlertService,
  ) {}

  /** Ticks every ten minutes; the day's slot runs once across every process, retried if it crashed. */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: VACANCY_ALERT.name })
  async tick(): Promise<void> {
    try {
      await this.runSlot();
    } catch (error) {
      this.logger.error(`vacancy alert could not be claimed: ${String(error)}`);
    }
  }

  /** Claims the slot `now` falls in (the database's clock when left out) and, if won, alerts. */
  runSlot(now?: Date): Promise<JobRunResult> {
    return this.runner.run(
      VACANCY_ALERT,
      async (signal, slot) => {
        const outcome = await this.vacancies.alertSecretariats(slot, signal);
        this.logger.log(`vacancy alerts ${JSON.stringify(outcome)}`);
        return outcome;
      },
      now,
    );
  }
}
