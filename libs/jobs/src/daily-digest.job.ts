import { DigestService } from '@enlace/notifications';
import { DAY_MS, defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Daily at 07:00 UTC: one digest per person of what happened since their last one. */
export const DAILY_DIGEST = defineJob({
  name: 'daily-digest',
  tickMs: 5 * MINUTE_MS,
  schedule: { everyMs: DAY_MS, offsetMs: 7 * HOUR_MS },
  service: DigestService,
  run: (digests, _slot, signal) => digests.sendDigests(new Date(), signal),
});
