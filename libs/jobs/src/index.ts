export * from './channel-retention.job';
export * from './credentials-purge.job';
export * from './daily-digest.job';
export * from './email-delivery.job';
export * from './vacancy-alert.job';
export * from './jobs.module';
