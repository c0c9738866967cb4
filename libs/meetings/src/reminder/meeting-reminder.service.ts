import { Injectable } from '@nestjs/common';
import { resolveText, TransactionRunner } from '@enlace/core';
import { NotificationKind, NotificationService } from '@enlace/notifications';
import { describeWhen } from '../meeting/meeting.service';
import { MeetingReminderRepository, Reminder, REMINDERS } from './meeting-reminder.repository';

export interface ReminderOutcome {
  /** Meetings reminded in this run, per reminder. */
  readonly meetings: Record<Reminder, number>;
  /** Notifications recorded (people whose preference for the kind is OFF get none). */
  readonly notified: number;
}

const KIND: Record<Reminder, NotificationKind> = {
  DAY_BEFORE: 'meetingReminder',
  HOUR_BEFORE: 'meetingReminder',
  RSVP_CHASE: 'meetingRsvpChase',
  CLOSE_MEETING: 'meetingCloseReminder',
};

/** At most this many meetings per reminder and run; the next slot takes the rest. */
const BATCH = 200;

/**
 * Meeting reminders (system work, no actor), each in its recipient's language and as their
 * preferences say: a day and an hour before the start to those who accepted, a week before to those
 * who have not answered, and to the secretariat two weeks after a held meeting whose minutes are
 * still not approved. Each (meeting, reminder, start) is claimed in the transaction that notifies, so it goes out
 * exactly once however many processes run the job; a rescheduled meeting is reminded again.
 */
@Injectable()
export class MeetingReminderService {
  constructor(
    private readonly reminders: MeetingReminderRepository,
    private readonly notifications: NotificationService,
    private readonly transactions: TransactionRunner,
  ) {}

  async sendDue(signal?: AbortSignal): Promise<ReminderOutcome> {
    const meetings = { DAY_BEFORE: 0, HOUR_BEFORE: 0, RSVP_CHASE: 0, CLOSE_MEETING: 0 };
    let notified = 0;
    for (const reminder of REMINDERS) {
      const due = await this.transactions.run((tx) => this.reminders.due(tx, reminder, BATCH));
      for (const meeting of due) {
        signal?.throwIfAborted();
        const sent = await this.transactions.run(async (tx) => {
          const recipients = await this.reminders.recipients(tx, meeting.meetingId, reminder);
          if (!(await this.reminders.claim(tx, meeting.meetingId, reminder, meeting.startsAt, recipients.length))) {
            return null;
          }
          const ids = await this.notifications.notifyEach(
            tx,
            recipients.map((r) => ({
              personId: r.personId,
              kind: KIND[reminder],
              subject: { type: 'meeting', id: meeting.meetingId },
              networkId: meeting.networkId,
              params: {
                meetingTitle: resolveText(meeting.title, r.language, meeting.networkLanguage)?.text ?? '',
                networkName: resolveText(meeting.networkName, r.language, meeting.networkLanguage)?.text ?? '',
                startsAt: meeting.startsAt.toISOString(),
                when: describeWhen({ ...meeting, endsAt: meeting.startsAt }, r.language),
              },
            })),
          );
          return ids.length;
        });
        if (sent === null) continue;
        meetings[reminder] += 1;
        notified += sent;
      }
    }
    return { meetings, notified };
  }
}
