import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Language, namedQuery, TranslatableText } from '@enlace/core';
import type { EnrolmentStatus, TrainingStatus } from '../training-rules';
import { readableTrainingSql } from '../training/training.visibility';

export interface TrainingFeedRow {
  readonly id: string;
  readonly title: TranslatableText;
  readonly networkName: TranslatableText;
  readonly networkLanguage: Language;
  readonly curriculumTitle: TranslatableText;
  readonly curriculumNumber: number;
  readonly places: string[];
  readonly format: string;
  readonly timeZone: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly status: TrainingStatus;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly trainer: boolean;
  readonly enrolment: {
    readonly status: EnrolmentStatus;
    readonly memberState: string;
    readonly countryNames: Record<string, string>;
  } | null;
}

interface RawFeedRow {
  id: string;
  title: TranslatableText;
  network_name: TranslatableText;
  network_language: Language;
  curriculum_title: TranslatableText;
  curriculum_number: number;
  places: string[];
  format: string;
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  status: TrainingStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
  trainer: boolean;
  enrolment_status: EnrolmentStatus | null;
  member_state: string | null;
  country_names: Record<string, string> | null;
}

/** The trainings in a person's calendar feed (one statement, at most `limit` of them, latest first). */
@Injectable()
export class TrainingCalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Trainings `actor` gives (assigned trainer) or holds a seat in (CONFIRMED, ATTENDED, COMPLETED), as
   * they may read them now: a training they can no longer read, a nomination withdrawn or declined, a
   * place still waitlisted, is not listed. Drafts only for their trainers.
   */
  async feed(actor: Actor, limit: number): Promise<TrainingFeedRow[]> {
    const readable = readableTrainingSql(actor, 'tr');
    const rows = await namedQuery<RawFeedRow>(
      this.dataSource.manager,
      `SELECT tr.id, tr.title, n.name AS network_name, n.default_language AS network_language,
              cv.title AS curriculum_title, cv.number AS curriculum_number, tr.places, tr.format, tr.time_zone,
              tr.starts_at, tr.ends_at, tr.status, tr.version, tr.created_at, tr.updated_at,
              tt.person_id IS NOT NULL AS trainer, e.status AS enrolment_status, trim(e.member_state) AS member_state,
              c.names AS country_names
         FROM training tr
         JOIN network n ON n.id = tr.network_id
         JOIN curriculum_version cv ON cv.id = tr.curriculum_version_id
         LEFT JOIN training_trainer tt ON tt.training_id = tr.id AND tt.person_id = CAST(:me AS uuid)
         LEFT JOIN enrolment e ON e.training_id = tr.id AND e.person_id = CAST(:me AS uuid)
                               AND e.status IN ('CONFIRMED', 'ATTENDED', 'COMPLETED')
         LEFT JOIN country c ON c.code = e.member_state
        WHERE (tt.person_id IS NOT NULL OR (e.id IS NOT NULL AND tr.status <> 'DRAFT')) AND ${readable.sql}
        ORDER BY tr.starts_at DESC, tr.id DESC
        LIMIT :limit`,
      { ...readable.params, me: actor.personId, limit },
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      networkName: r.network_name,
      networkLanguage: r.network_language,
      curriculumTitle: r.curriculum_title,
      curriculumNumber: r.curriculum_number,
      places: r.places ?? [],
      format: r.format,
      timeZone: r.time_zone,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      status: r.status,
      version: r.version,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
      trainer: r.trainer,
      enrolment: r.enrolment_status
        ? { status: r.enrolment_status, memberState: r.member_state ?? '', countryNames: r.country_names ?? {} }
        : null,
    }));
  }
}
