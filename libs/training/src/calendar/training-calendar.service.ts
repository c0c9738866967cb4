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
import { SessionRepository } from '../session/session.repository';
import type { SessionRow } from '../session/session.entity';
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
 * Each session (issue 12 item 4) is one more entry, `training-session-<id>@enlace`, at its own times
 * and place, cancelled with its training.
 */
@Injectable()
export class TrainingCalendarService {
  constructor(
    private readonly feeds: TrainingCalendarRepository,
    private readonly sessions: SessionRepository,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calendarEntries(actor: Actor): Promise<CalendarEntry[]> {
    requirePerson(actor);
    const t = this.i18n.translator(actor.lang);
    const rows = (await this.feeds.feed(actor, FEED_LIMIT)).reverse();
    const sessions = await this.sessions.ofTrainings(rows.map((r) => r.id));
    return rows.flatMap((row) => {
      const own = sessions.filter((x) => x.trainingId === row.id).sort((a, b) => +a.startsAt - +b.startsAt);
      const training = this.entry(row, t);
      return [training, ...own.map((session, i) => this.sessionEntry(row, training, session, i + 1, t))];
    });
  }

  /** One session: its own times and place, the training's status; SEQUENCE moves with either. */
  private sessionEntry(
    row: TrainingFeedRow,
    training: CalendarEntry,
    session: SessionRow,
    number: number,
    t: Translator,
  ): CalendarEntry {
    const title = resolveText(row.title, t.lang, row.networkLanguage)?.text ?? '';
    const summary = t.t('calendar:training.session', { title, number });
    return {
      ...training,
      uid: `training-session-${session.id}@enlace`,
      sequence: row.version + session.version,
      start: session.startsAt,
      end: session.endsAt,
      timeZone: session.timeZone,
      summary: row.status === 'CANCELLED' ? t.t('calendar:training.cancelled', { title: summary }) : summary,
      location: session.place ?? training.location,
    };
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
