import { VacancyAlertService } from '@enlace/directory';
import { DAY_MS, defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Daily at 06:00 UTC: each network's secretariat hears of its member states with no focal point. */
export const VACANCY_ALERT = defineJob({
  name: 'vacancy-alert',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: DAY_MS, offsetMs: 6 * HOUR_MS },
  service: VacancyAlertService,
  run: (vacancies, slot, signal) => vacancies.alertSecretariats(slot, signal),
});
