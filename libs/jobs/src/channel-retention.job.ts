import { MessageService } from '@enlace/channels';
import { defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/** Hourly: deletes the messages older than their channel's retention period. */
export const CHANNEL_RETENTION = defineJob({
  name: 'channel-retention',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: HOUR_MS },
  service: MessageService,
  run: async (messages) => ({ purged: await messages.purgeExpired() }),
});
