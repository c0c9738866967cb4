import { CredentialsMaintenanceService } from '@enlace/identity';
import { defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Hourly: deletes expired sessions, used reset links, dead invitations and old rate-limit windows. */
export const CREDENTIALS_PURGE = defineJob({
  name: 'credentials-purge',
  tickMs: MINUTE_MS,
  schedule: { everyMs: HOUR_MS },
  service: CredentialsMaintenanceService,
  run: (maintenance) => maintenance.purgeExpired(),
});
