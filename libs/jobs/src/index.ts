export * from './credentials-purge.job';
export * from './jobs.module';
