import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { resolveText, Translator } from '@enlace/core';
import type { MeetingRow } from '../meeting/meeting.entity';
import type { RsvpResponse } from '../meetings-rules';
import { vtimezone } from './vtimezone';

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

const STATUS: Record<MeetingRow['status'], ICalEventStatus> = {
  DRAFT: ICalEventStatus.TENTATIVE,
  SCHEDULED: ICalEventStatus.CONFIRMED,
  HELD: ICalEventStatus.CONFIRMED,
  CLOSED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const PARTSTAT: Record<RsvpResponse, ICalAttendeeStatus> = {
  PENDING: ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

/**
 * Meetings as an iCalendar file (RFC 5545) that calendar programs accept: times with the meeting's
 * TZID and a VTIMEZONE for it, a stable UID per meeting, SEQUENCE from the meeting's own counter
 * (raised on every change a program must show), STATUS:CANCELLED once cancelled, ORGANIZER the owning
 * network, the reader as ATTENDEE with their answer, URL back to the meeting; texts in the reader's
 * language.
 */
export function meetingCalendar(meetings: readonly MeetingRow[], options: CalendarOptions): string {
  const { t } = options;
  const cancelledFile = options.kind === 'file' && meetings.length === 1 && meetings[0].status === 'CANCELLED';
  const base = options.publicUrl.replace(/\/+$/, '');
  const zones = new Map<string, { from: Date; to: Date }>();
  for (const m of meetings) {
    const span = zones.get(m.timeZone);
    zones.set(m.timeZone, {
      from: span && span.from < m.startsAt ? span.from : m.startsAt,
      to: span && span.to > m.endsAt ? span.to : m.endsAt,
    });
  }
  const calendar = ical({
    prodId: { company: 'Enlace', product: 'Meetings', language: t.lang.toUpperCase() },
    name: options.kind === 'feed' ? t.t('meetings:calendar.feedName') : null,
    method: cancelledFile ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    timezone: {
      name: null,
      generator: (zone: string) => {
        const span = zones.get(zone);
        return span ? vtimezone(zone, span.from, span.to) : null;
      },
    },
  });
  for (const m of meetings) {
    const title = resolveText(m.title, t.lang, m.networkLanguage)?.text ?? '';
    const description = resolveText(m.description, t.lang, m.networkLanguage)?.text ?? null;
    const network = resolveText(m.networkName, t.lang, m.networkLanguage)?.text ?? '';
    const url = `${base}/meetings/${m.id}`;
    const lines = [description, m.onlineUrl ? t.t('meetings:calendar.online', { url: m.onlineUrl }) : null, url];
    calendar.createEvent({
      id: `${m.id}@enlace`,
      sequence: m.sequence,
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      created: m.createdAt,
      start: DateTime.fromJSDate(m.startsAt, { zone: m.timeZone }),
      end: DateTime.fromJSDate(m.endsAt, { zone: m.timeZone }),
      timezone: m.timeZone,
      summary: m.status === 'CANCELLED' ? t.t('meetings:calendar.cancelled', { title }) : title,
      description: lines.filter((l): l is string => Boolean(l)).join('\n\n'),
      location: m.place ?? m.onlineUrl ?? null,
      url,
      status: STATUS[m.status],
      organizer: { name: network, email: options.organiserEmail },
      attendees:
        options.attendee && m.myResponse
          ? [{ name: options.attendee.name, email: options.attendee.email, status: PARTSTAT[m.myResponse], rsvp: true }]
          : [],
    });
  }
  return calendar.toString();
}
