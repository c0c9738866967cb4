import { PlanDigestService } from '@enlace/action-plans';
import { DAY_MS, defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Mondays 05:30 UTC (the epoch was a Thursday: Monday is 4 days after it): each country team's weekly plan digest. */
export const PLAN_WEEKLY_DIGEST = defineJob({
  name: 'plan-weekly-digest',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: 7 * DAY_MS, offsetMs: 4 * DAY_MS + 5 * HOUR_MS + 30 * MINUTE_MS },
  service: PlanDigestService,
  run: (digests, slot, signal) => digests.sendWeekly(slot, signal),
});

/**
 * Daily at 06:30 UTC, the secretariats' monthly summary: sent on the first run of each calendar month
 * (each network once per month, so a day with every worker down only delays it).
 */
export const PLAN_MONTHLY_SUMMARY = defineJob({
  name: 'plan-monthly-summary',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: DAY_MS, offsetMs: 6 * HOUR_MS + 30 * MINUTE_MS },
  service: PlanDigestService,
  run: (digests, slot, signal) => digests.sendMonthly(slot, signal),
});
