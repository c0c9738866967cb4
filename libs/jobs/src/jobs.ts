import { CHANNEL_RETENTION } from './channel-retention.job';
import { CREDENTIALS_PURGE } from './credentials-purge.job';
import { DAILY_DIGEST } from './daily-digest.job';
import { EMAIL_DELIVERY } from './email-delivery.job';
import type { Job } from './job-definition';
import { MEETING_REMINDERS } from './meeting-reminders.job';
import { NOTICE_REMINDER } from './notice-reminder.job';
import { PLAN_MONTHLY_SUMMARY, PLAN_WEEKLY_DIGEST } from './plan-digests.job';
import { PLAN_REMINDERS } from './plan-reminders.job';
import { ROLE_INVITATIONS } from './role-invitations.job';
import { TRAINING_REMINDERS } from './training-reminders.job';
import { VACANCY_ALERT } from './vacancy-alert.job';

/** Every job. A new job is a `<thing>.job.ts` declaring one `defineJob({...})`, added here. */
export const JOBS: readonly Job[] = [
  CREDENTIALS_PURGE,
  CHANNEL_RETENTION,
  DAILY_DIGEST,
  EMAIL_DELIVERY,
  VACANCY_ALERT,
  MEETING_REMINDERS,
  ROLE_INVITATIONS,
  NOTICE_REMINDER,
  TRAINING_REMINDERS,
  PLAN_REMINDERS,
  PLAN_WEEKLY_DIGEST,
  PLAN_MONTHLY_SUMMARY,
];
