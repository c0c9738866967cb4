import { Injectable } from '@nestjs/common';
import { resolveText, TransactionRunner } from '@enlace/core';
import { NotificationKind, NotificationService } from '@enlace/notifications';
import {
  DueTrainingReminder,
  TRAINING_REMINDERS,
  TrainingReminder,
  TrainingReminderRepository,
} from './training-reminder.repository';

export interface TrainingReminderOutcome {
  /** Occasions reminded in this run, per reminder. */
  readonly occasions: Record<TrainingReminder, number>;
  /** Notifications recorded (people whose preference for the kind is OFF get none). */
  readonly notified: number;
}

const KIND: Record<TrainingReminder, NotificationKind> = {
  NOMINATION_DEADLINE: 'trainingDeadlineReminder',
  TRAINING_START: 'trainingStartReminder',
  RECORD_ATTENDANCE: 'trainingAttendanceReminder',
};

/** At most this many occasions per reminder and run; the next slot takes the rest. */
const BATCH = 200;

/**
 * Training reminders (system work, no actor; issue 12 item 7), each in its recipient's language and
 * as their preferences say: focal points whose member state has nominated nobody, in the three days
 * before an open training's nomination deadline; the confirmed, the day before a training starts;
 * the trainers, an hour after a session that has no attendance recorded. Each (training, reminder,
 * occasion) is claimed in the transaction that notifies, so it goes out exactly once however many
 * processes run the job.
 */
@Injectable()
export class TrainingReminderService {
  constructor(
    private readonly reminders: TrainingReminderRepository,
    private readonly notifications: NotificationService,
    private readonly transactions: TransactionRunner,
  ) {}

  async sendDue(signal?: AbortSignal): Promise<TrainingReminderOutcome> {
    const occasions = { NOMINATION_DEADLINE: 0, TRAINING_START: 0, RECORD_ATTENDANCE: 0 };
    let notified = 0;
    for (const reminder of TRAINING_REMINDERS) {
      const due = await this.transactions.run((tx) => this.reminders.due(tx, reminder, BATCH));
      for (const occasion of due) {
        signal?.throwIfAborted();
        const sent = await this.transactions.run(async (tx) => {
          const recipients = await this.reminders.recipients(tx, occasion, reminder);
          if (!(await this.reminders.claim(tx, occasion, reminder, recipients.length))) return null;
          const ids = await this.notifications.notifyEach(
            tx,
            recipients.map((r) => ({
              personId: r.personId,
              kind: KIND[reminder],
              subject: { type: 'training', id: occasion.trainingId },
              networkId: occasion.networkId,
              params: {
                trainingTitle: resolveText(occasion.title, r.language, occasion.networkLanguage)?.text ?? '',
                when: describeWhen(occasion, r.language, reminder !== 'NOMINATION_DEADLINE'),
                place: occasion.place,
                ...(occasion.deadline ? { deadline: occasion.deadline } : {}),
              },
            })),
          );
          return ids.length;
        });
        if (sent === null) continue;
        occasions[reminder] += 1;
        notified += sent;
      }
    }
    return { occasions, notified };
  }
}

/** "21–23 August 2012" (a training), or a session's day and hours, in the reader's language and the training's zone. */
function describeWhen(occasion: DueTrainingReminder, lang: string, withTime: boolean): string {
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: occasion.timeZone,
  });
  const range = format.formatRange(occasion.startsAt, occasion.endsAt);
  return withTime ? `${range} (${occasion.timeZone})` : range;
}
