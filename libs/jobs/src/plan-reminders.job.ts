import { PlanReminderService } from '@enlace/action-plans';
import { DAY_MS, defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Daily at 05:00 UTC: overdue plan actions, indicator reports due within 30 days and overdue ones. */
export const PLAN_REMINDERS = defineJob({
  name: 'plan-reminders',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: DAY_MS, offsetMs: 5 * HOUR_MS },
  service: PlanReminderService,
  run: (reminders, slot, signal) => reminders.sendDue(slot, signal),
});
