import { MeetingReminderService } from '@enlace/meetings';
import { defineJob, MINUTE_MS } from './job-definition';

/** Every 10 minutes: the meeting reminders that have come due (each sent once; see the service). */
export const MEETING_REMINDERS = defineJob({
  name: 'meeting-reminders',
  tickMs: 2 * MINUTE_MS,
  schedule: { everyMs: 10 * MINUTE_MS, offsetMs: 0 },
  service: MeetingReminderService,
  run: (reminders, _slot, signal) => reminders.sendDue(signal),
});
