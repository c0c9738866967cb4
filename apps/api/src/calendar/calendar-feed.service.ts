import { Injectable } from '@nestjs/common';
import { Actor, I18nService, renderCalendar } from '@enlace/core';
import { MeetingService } from '@enlace/meetings';
import { TrainingCalendarService } from '@enlace/training';

/**
 * A person's calendar feed (SPEC §4.3, issue 12 item 8), composed here because neither meetings nor
 * training may import the other: each context gives its entries as the feed owner may read them now,
 * in their language (`CalendarEntry`, libs/core), and the feed is rendered once, soonest first, with
 * one VTIMEZONE per zone used.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly trainings: TrainingCalendarService,
    private readonly i18n: I18nService,
  ) {}

  async feed(actor: Actor): Promise<string> {
    const [meetings, trainings] = await Promise.all([
      this.meetings.calendarEntries(actor),
      this.trainings.calendarEntries(actor),
    ]);
    const entries = [...meetings, ...trainings].sort(
      (a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid),
    );
    return renderCalendar(entries, {
      lang: actor.lang,
      product: 'Calendar',
      name: this.i18n.translator(actor.lang).t('calendar:feedName'),
      method: 'PUBLISH',
    });
  }
}
