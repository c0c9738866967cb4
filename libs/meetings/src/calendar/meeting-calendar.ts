import { CalendarEntry, renderCalendar, resolveText, Translator } from '@enlace/core';
import type { MeetingRow } from '../meeting/meeting.entity';
import type { RsvpResponse } from '../meetings-rules';

export interface CalendarOptions {
  /** The reader: texts in their language; their own answer as the ATTENDEE's PARTSTAT. */
  readonly t: Translator;
  readonly attendee?: { readonly name: string; readonly email: string } | null;
  /** Links back to the meetings (`PUBLIC_URL`). */
  readonly publicUrl: string;
  /** The address meetings are organised from (EMAIL_FROM's address). */
  readonly organiserEmail: string;
  /** A single meeting's file (METHOD:CANCEL once cancelled) or a subscribed feed (always PUBLISH). */
  readonly kind: 'file' | 'feed';
}

const STATUS: Record<MeetingRow['status'], CalendarEntry['status']> = {
  DRAFT: 'TENTATIVE',
  SCHEDULED: 'CONFIRMED',
  HELD: 'CONFIRMED',
  CLOSED: 'CONFIRMED',
  CANCELLED: 'CANCELLED',
};

const PARTSTAT: Record<RsvpResponse, NonNullable<CalendarEntry['attendee']>['status']> = {
  PENDING: 'NEEDS-ACTION',
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  TENTATIVE: 'TENTATIVE',
};

/**
 * Meetings as calendar entries: a stable UID per meeting, SEQUENCE from the meeting's own counter
 * (raised on every change a program must show), STATUS:CANCELLED once cancelled, ORGANIZER the owning
 * network, the reader as ATTENDEE with their answer, URL back to the meeting; texts in the reader's
 * language. The person's feed composes these with other contexts' entries (apps/api calendar).
 */
export function meetingEntries(
  meetings: readonly MeetingRow[],
  options: Omit<CalendarOptions, 'kind'>,
): CalendarEntry[] {
  const { t } = options;
  const base = options.publicUrl.replace(/\/+$/, '');
  return meetings.map((m) => {
    const title = resolveText(m.title, t.lang, m.networkLanguage)?.text ?? '';
    const description = resolveText(m.description, t.lang, m.networkLanguage)?.text ?? null;
    const network = resolveText(m.networkName, t.lang, m.networkLanguage)?.text ?? '';
    const url = `${base}/meetings/${m.id}`;
    const lines = [description, m.onlineUrl ? t.t('meetings:calendar.online', { url: m.onlineUrl }) : null, url];
    return {
      uid: `${m.id}@enlace`,
      sequence: m.sequence,
      created: m.createdAt,
      updated: m.updatedAt,
      start: m.startsAt,
      end: m.endsAt,
      timeZone: m.timeZone,
      summary: m.status === 'CANCELLED' ? t.t('meetings:calendar.cancelled', { title }) : title,
      description: lines.filter((l): l is string => Boolean(l)).join('\n\n'),
      location: m.place ?? m.onlineUrl ?? null,
      url,
      status: STATUS[m.status],
      organizer: { name: network, email: options.organiserEmail },
      attendee:
        options.attendee && m.myResponse
          ? { name: options.attendee.name, email: options.attendee.email, status: PARTSTAT[m.myResponse] }
          : null,
    };
  });
}

/** Meetings as an iCalendar file (RFC 5545): a single meeting's file, or a feed of meetings only. */
export function meetingCalendar(meetings: readonly MeetingRow[], options: CalendarOptions): string {
  const cancelledFile = options.kind === 'file' && meetings.length === 1 && meetings[0].status === 'CANCELLED';
  return renderCalendar(meetingEntries(meetings, options), {
    lang: options.t.lang,
    product: 'Meetings',
    name: options.kind === 'feed' ? options.t.t('meetings:calendar.feedName') : null,
    method: cancelledFile ? 'CANCEL' : 'PUBLISH',
  });
}
