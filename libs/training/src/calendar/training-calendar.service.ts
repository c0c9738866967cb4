import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  CalendarEntry,
  I18nService,
  requirePerson,
  resolveText,
  Translator,
} from '@enlace/core';
import type { TrainingStatus } from '../training-rules';
import { TrainingCalendarRepository, TrainingFeedRow } from './training-calendar.repository';

/** As many trainings as a feed holds (the latest); meetings keep 500 of their own. */
const FEED_LIMIT = 500;

const STATUS: Record<TrainingStatus, CalendarEntry['status']> = {
  DRAFT: 'TENTATIVE',
  OPEN: 'CONFIRMED',
  CLOSED: 'CONFIRMED',
  RUNNING: 'CONFIRMED',
  COMPLETED: 'CONFIRMED',
  CANCELLED: 'CANCELLED',
};

/**
 * Trainings in a person's calendar feed (issue 12 item 8), as entries the app composes with the
 * meetings' (apps/api calendar): one event per training for its confirmed participants and its
 * trainers, times in the training's zone, SEQUENCE the training's version (raised by every change),
 * STATUS:CANCELLED once cancelled, texts in the feed owner's language.
 *
 * Seam for sessions (issue 12 item 4, built beside this): each session becomes one more entry,
 * `training-session-<id>@enlace`, in its training's zone, added to what `calendarEntries` returns.
 */
@Injectable()
export class TrainingCalendarService {
  constructor(
    private readonly feeds: TrainingCalendarRepository,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calendarEntries(actor: Actor): Promise<CalendarEntry[]> {
    requirePerson(actor);
    const t = this.i18n.translator(actor.lang);
    const rows = (await this.feeds.feed(actor, FEED_LIMIT)).reverse();
    return rows.map((row) => this.entry(row, t));
  }

  private entry(row: TrainingFeedRow, t: Translator): CalendarEntry {
    const base = this.config.publicUrl.replace(/\/+$/, '');
    const title = resolveText(row.title, t.lang, row.networkLanguage)?.text ?? '';
    const network = resolveText(row.networkName, t.lang, row.networkLanguage)?.text ?? '';
    const curriculum = resolveText(row.curriculumTitle, t.lang, row.networkLanguage)?.text ?? '';
    const url = `${base}/trainings/${row.id}`;
    const role = row.trainer
      ? t.t('calendar:training.asTrainer')
      : t.t('calendar:training.asParticipant', {
          memberState: row.enrolment?.countryNames[t.lang] ?? row.enrolment?.memberState ?? '',
        });
    const lines = [t.t('calendar:training.curriculum', { title: curriculum, number: row.curriculumNumber }), role, url];
    return {
      uid: `training-${row.id}@enlace`,
      sequence: row.version,
      created: row.createdAt,
      updated: row.updatedAt,
      start: row.startsAt,
      end: row.endsAt,
      timeZone: row.timeZone,
      summary: row.status === 'CANCELLED' ? t.t('calendar:training.cancelled', { title }) : title,
      description: lines.join('\n\n'),
      location: row.places.length > 0 ? row.places.join(' · ') : null,
      url,
      status: STATUS[row.status],
      organizer: { name: network, email: addressOf(this.config.emailFrom) },
      attendee: null,
    };
  }
}

/** "noreply@example.org" from "Enlace <noreply@example.org>". */
function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1] : from).trim();
}
