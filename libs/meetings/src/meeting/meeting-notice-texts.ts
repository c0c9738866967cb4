import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalTimeZone, formatDate, resolveText } from '@enlace/core';
import {
  NotificationSubjects,
  subjectKey,
  type NotificationSubjectSource,
  type SubjectReader,
  type SubjectRef,
  type SubjectTexts,
} from '@enlace/notifications';
import { MeetingNotice, MeetingRepository } from './meeting.repository';
import { describeWhen } from './meeting.service';

/**
 * Notifications about a meeting (scheduled, rescheduled, cancelled, invitation, reminders, minutes...)
 * show the meeting as it is when they are read or sent, not as it was when they were written: the
 * title in the reader's language, the time in the zone the reader chose (else the meeting's own),
 * the place. Only for readers who may still read the meeting as invitees (or a focal point who
 * delegated their invitation) or as its network's secretariat: someone uninvited since keeps the
 * texts they were sent, and never learns a later title. Registered as the notifications' source for
 * subjects of type `meeting` (decision 0020).
 */
@Injectable()
export class MeetingNoticeTexts implements NotificationSubjectSource, OnModuleInit {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly subjects: NotificationSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register('meeting', this);
  }

  async load(refs: readonly SubjectRef[]): Promise<ReadonlyMap<string, SubjectTexts>> {
    const rows = await this.meetings.noticeTexts(refs.map((r) => ({ meetingId: r.subjectId, personId: r.personId })));
    return new Map(
      rows.map((row) => [
        subjectKey({ subjectId: row.id, personId: row.personId }),
        (reader: SubjectReader) => meetingNoticeParams(row, reader),
      ]),
    );
  }
}

/** The template parameters a meeting gives its notifications, for one reader. */
export function meetingNoticeParams(meeting: MeetingNotice, reader: SubjectReader): Record<string, string> {
  // The zone as the reader chose it ('Asia/Kolkata', not ICU's canonical 'Asia/Calcutta'), if valid.
  const zone = reader.timeZone && canonicalTimeZone(reader.timeZone) ? reader.timeZone : meeting.timeZone;
  const startsAt = new Date(meeting.startsAt);
  return {
    meetingTitle:
      resolveText(meeting.title, reader.language, reader.networkLanguage ?? meeting.networkLanguage)?.text ?? '',
    when: describeWhen({ ...meeting, startsAt, endsAt: new Date(meeting.endsAt) }, reader.language, zone),
    startsAt: formatDate(startsAt.toISOString(), reader.language, zone),
    place: meeting.place ?? meeting.onlineUrl ?? '',
  };
}
