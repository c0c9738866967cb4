import { NoticeService } from '@enlace/channels';
import { defineJob, HOUR_MS, MINUTE_MS } from './job-definition';

/**
 * Hourly: each official notice posted at least its reminder days ago reminds, once, those it expects
 * who have not acknowledged it (`noticeReminder`).
 */
export const NOTICE_REMINDER = defineJob({
  name: 'notice-reminder',
  tickMs: 10 * MINUTE_MS,
  schedule: { everyMs: HOUR_MS },
  service: NoticeService,
  run: (notices, _slot, signal) => notices.remindDue(signal),
});
