export * from './channel-retention.job';
export * from './credentials-purge.job';
export * from './daily-digest.job';
export * from './email-delivery.job';
export * from './vacancy-alert.job';
export * from './job-definition';
export * from './job-scheduler';
export * from './jobs.module';
export type { JobRunResult } from './runner/scheduled-job.runner';
