import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';
import { vtimezone } from './vtimezone';

/**
 * One event of a calendar file or feed, as any context describes it (meetings, trainings and their
 * sessions): the renderer below knows no context, and a feed composed of several contexts' entries
 * is rendered once, with one VTIMEZONE per zone (apps/api's calendar feed).
 */
export interface CalendarEntry {
  /** Stable across fetches: a calendar program matches updates by it. */
  readonly uid: string;
  /** Raised on every change a calendar program must show (RFC 5545 SEQUENCE). */
  readonly sequence: number;
  readonly created: Date;
  readonly updated: Date;
  readonly start: Date;
  readonly end: Date;
  /** IANA zone: the times are written with its TZID, and its VTIMEZONE is included. */
  readonly timeZone: string;
  readonly summary: string;
  readonly description: string | null;
  readonly location: string | null;
  readonly url: string | null;
  readonly status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  readonly organizer: { readonly name: string; readonly email: string } | null;
  readonly attendee: {
    readonly name: string;
    readonly email: string;
    readonly status: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
  } | null;
}

export interface CalendarOptions {
  readonly lang: Language;
  /** PRODID's product, e.g. "Meetings". */
  readonly product: string;
  /** X-WR-CALNAME of a subscribed feed; null for a single file. */
  readonly name: string | null;
  /** PUBLISH, or CANCEL for a single cancelled event's file. */
  readonly method: 'PUBLISH' | 'CANCEL';
}

const STATUS: Record<CalendarEntry['status'], ICalEventStatus> = {
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CONFIRMED: ICalEventStatus.CONFIRMED,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const PARTSTAT: Record<NonNullable<CalendarEntry['attendee']>['status'], ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

/**
 * Calendar entries as an iCalendar file (RFC 5545) that calendar programs accept: times with each
 * entry's TZID and a VTIMEZONE for it covering the entries' span, a stable UID, SEQUENCE, STATUS.
 */
export function renderCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const zones = new Map<string, { from: Date; to: Date }>();
  for (const e of entries) {
    const span = zones.get(e.timeZone);
    zones.set(e.timeZone, {
      from: span && span.from < e.start ? span.from : e.start,
      to: span && span.to > e.end ? span.to : e.end,
    });
  }
  const calendar = ical({
    prodId: { company: 'Enlace', product: options.product, language: options.lang.toUpperCase() },
    name: options.name,
    method: options.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    timezone: {
      name: null,
      generator: (zone: string) => {
        const span = zones.get(zone);
        return span ? vtimezone(zone, span.from, span.to) : null;
      },
    },
  });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.updated,
      lastModified: e.updated,
      created: e.created,
      start: DateTime.fromJSDate(e.start, { zone: e.timeZone }),
      end: DateTime.fromJSDate(e.end, { zone: e.timeZone }),
      timezone: e.timeZone,
      summary: e.summary,
      description: e.description,
      location: e.location,
      url: e.url,
      status: STATUS[e.status],
      organizer: e.organizer ? { name: e.organizer.name, email: e.organizer.email } : null,
      attendees: e.attendee
        ? [{ name: e.attendee.name, email: e.attendee.email, status: PARTSTAT[e.attendee.status], rsvp: true }]
        : [],
    });
  }
  return calendar.toString();
}
