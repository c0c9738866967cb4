import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobSchedule, ScheduledJobRunner } from '@enlace/core';

/**
 * The directory's vacancy alert to secretariats, NOT wired yet: it lands with the directory
 * (libs/directory), which owns the query "which member-state seats have no focal point". To wire it:
 * implement `VacancyAlertSource` with a directory service that, in one transaction per vacancy, calls
 * `NotificationService.notifyMany(tx, secretariatIds, { kind: 'vacancyAlert', subject, networkId,
 * params: { networkName, memberState, role: 'FOCAL_POINT', since } })`, provide it as
 * `VACANCY_ALERT_SOURCE`, add `VacancyAlertJob` to JobsModule and give `tick` a
 * `@Cron(CronExpression.EVERY_10_MINUTES, { name: VACANCY_ALERT.name })`. Templates for the
 * `vacancyAlert` kind exist in every language already.
 */
export const VACANCY_ALERT: JobSchedule = { name: 'vacancy-alert', everyMs: 86_400_000, offsetMs: 6 * 3_600_000 };

export interface VacancyAlertSource {
  /** Notifies the secretariats of current vacancies not yet alerted; returns how many were alerted. */
  alertVacancies(signal: AbortSignal): Promise<{ alerted: number }>;
}

export const VACANCY_ALERT_SOURCE = Symbol('VACANCY_ALERT_SOURCE');

@Injectable()
export class VacancyAlertJob {
  private readonly logger = new Logger(VacancyAlertJob.name);

  constructor(
    private readonly runner: ScheduledJobRunner,
    @Inject(VACANCY_ALERT_SOURCE) private readonly source: VacancyAlertSource,
  ) {}

  async tick(): Promise<void> {
    try {
      await this.runner.run(VACANCY_ALERT, (signal) => this.source.alertVacancies(signal));
    } catch (error) {
      this.logger.error(`vacancy alert could not be claimed: ${String(error)}`);
    }
  }
}
