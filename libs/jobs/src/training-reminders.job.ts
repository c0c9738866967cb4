import { TrainingReminderService } from '@enlace/training';
import { defineJob, MINUTE_MS } from './job-definition';

/** Every 10 minutes: the training reminders that have come due (each sent once; see the service). */
export const TRAINING_REMINDERS = defineJob({
  name: 'training-reminders',
  tickMs: 2 * MINUTE_MS,
  schedule: { everyMs: 10 * MINUTE_MS, offsetMs: 0 },
  service: TrainingReminderService,
  run: (reminders, _slot, signal) => reminders.sendDue(signal),
});
