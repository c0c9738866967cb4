import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, canSql, fresh, namedQuery, SqlPredicate, TranslatableText } from '@enlace/core';
import { readableTrainingSql } from '../training/training.visibility';

/** What a report counts: trained enrolments (ATTENDED or COMPLETED, docs/decisions/0023) within these bounds. */
export interface ReportFilter {
  readonly networkId: string | null;
  readonly curriculumId: string | null;
  readonly fromYear: number | null;
  readonly toYear: number | null;
}

export const REPORT_DIMENSIONS = ['country', 'network', 'organisation', 'year', 'cycle'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportGroupRaw {
  dimension: ReportDimension | 'total';
  key: string | null;
  officials: number;
  trainings: number;
  country_names: Record<string, string> | null;
  network_name: TranslatableText | null;
  network_language: string | null;
  organisation_name: TranslatableText | null;
  organisation_acronym: string | null;
  curriculum_title: TranslatableText | null;
  curriculum_number: number | null;
}

export interface AlumnusRaw {
  person_id: string;
  name: string;
  erased: boolean;
  member_states: string[];
  organisation_name: TranslatableText | null;
  trainings: {
    trainingId: string;
    title: TranslatableText;
    networkLanguage: string;
    startsAt: string;
    year: number;
    memberState: string;
    status: string;
    curriculumId: string;
    curriculumTitle: TranslatableText;
    curriculumNumber: number;
  }[];
}

export interface UntrainedRaw {
  network_id: string;
  network_name: TranslatableText;
  network_language: string;
  country_code: string;
  country_names: Record<string, string>;
}

/**
 * The alumni reports (SPEC §4.2, issue 12 item 6) in a fixed number of statements, whatever the data:
 * one for every count (grouping sets), one for the people trained, one for the member states without
 * a trained official. Each starts from the same `trained` set: enrolments the actor may read (the
 * training readable, and the enrolment theirs to see: those who run the training or nominate for the
 * whole network see all, a focal point their own state's, anyone their own), so no count includes
 * what the caller cannot see.
 */
@Injectable()
export class TrainingReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private trained(actor: Actor, filter: ReportFilter): SqlPredicate {
    const p = fresh('rep');
    const readable = readableTrainingSql(actor, 'tr');
    const run = canSql(actor, 'RUN_TRAININGS', {
      network: 'tr.network_id',
      assigned: `EXISTS (SELECT 1 FROM training_trainer tt WHERE tt.training_id = tr.id AND tt.person_id = CAST(:${p}_me AS uuid))`,
    });
    const nominate = canSql(actor, 'NOMINATE_FOR_TRAINING', {
      network: 'tr.network_id',
      memberState: 'e.member_state',
    });
    const where = [
      `e.status IN ('ATTENDED', 'COMPLETED')`,
      `tr.status <> 'CANCELLED'`,
      readable.sql,
      `(${run.sql} OR ${nominate.sql} OR e.person_id = CAST(:${p}_me AS uuid))`,
    ];
    const params: Record<string, unknown> = {
      ...readable.params,
      ...run.params,
      ...nominate.params,
      [`${p}_me`]: actor.personId,
    };
    if (filter.networkId) {
      where.push(`tr.network_id = CAST(:${p}_network AS uuid)`);
      params[`${p}_network`] = filter.networkId;
    }
    if (filter.curriculumId) {
      where.push(`cv.curriculum_id = CAST(:${p}_curriculum AS uuid)`);
      params[`${p}_curriculum`] = filter.curriculumId;
    }
    if (filter.fromYear !== null) {
      where.push(`extract(year FROM tr.starts_at AT TIME ZONE tr.time_zone) >= :${p}_from`);
      params[`${p}_from`] = filter.fromYear;
    }
    if (filter.toYear !== null) {
      where.push(`extract(year FROM tr.starts_at AT TIME ZONE tr.time_zone) <= :${p}_to`);
      params[`${p}_to`] = filter.toYear;
    }
    return {
      sql: `SELECT e.person_id, trim(e.member_state) AS member_state, e.status, tr.id AS training_id, tr.network_id,
                   tr.title, tr.starts_at, n.default_language AS network_language,
                   extract(year FROM tr.starts_at AT TIME ZONE tr.time_zone)::int AS year,
                   tr.curriculum_version_id, cv.curriculum_id, cv.number AS curriculum_number, cv.title AS curriculum_title,
                   p.organisation_id
              FROM enrolment e
              JOIN training tr ON tr.id = e.training_id
              JOIN network n ON n.id = tr.network_id
              JOIN curriculum_version cv ON cv.id = tr.curriculum_version_id
              JOIN person p ON p.id = e.person_id
             WHERE ${where.join(' AND ')}`,
      params,
    };
  }

  /** Officials (distinct people) and trainings per country, network, organisation, year and cycle, and in all. */
  async groups(actor: Actor, filter: ReportFilter): Promise<ReportGroupRaw[]> {
    const trained = this.trained(actor, filter);
    return namedQuery<ReportGroupRaw>(
      this.dataSource.manager,
      `WITH trained AS MATERIALIZED (${trained.sql}),
            g AS (
              SELECT CASE WHEN grouping(member_state) = 0 THEN 'country'
                          WHEN grouping(network_id) = 0 THEN 'network'
                          WHEN grouping(organisation_id) = 0 THEN 'organisation'
                          WHEN grouping(year) = 0 THEN 'year'
                          WHEN grouping(curriculum_version_id) = 0 THEN 'cycle'
                          ELSE 'total' END AS dimension,
                     member_state, network_id, organisation_id, year, curriculum_version_id,
                     count(DISTINCT person_id)::int AS officials, count(DISTINCT training_id)::int AS trainings
                FROM trained
               GROUP BY GROUPING SETS ((member_state), (network_id), (organisation_id), (year), (curriculum_version_id), ()))
       SELECT g.dimension, COALESCE(g.member_state, g.network_id::text, g.organisation_id::text, g.year::text,
                                    g.curriculum_version_id::text) AS key,
              g.officials, g.trainings, c.names AS country_names, n.name AS network_name,
              n.default_language AS network_language, o.name AS organisation_name, o.acronym AS organisation_acronym,
              cv.title AS curriculum_title, cv.number AS curriculum_number
         FROM g
         LEFT JOIN country c ON g.dimension = 'country' AND c.code = g.member_state
         LEFT JOIN network n ON g.dimension = 'network' AND n.id = g.network_id
         LEFT JOIN organisation o ON g.dimension = 'organisation' AND o.id = g.organisation_id
         LEFT JOIN curriculum_version cv ON g.dimension = 'cycle' AND cv.id = g.curriculum_version_id
        ORDER BY g.dimension, g.officials DESC, key`,
      trained.params,
    );
  }

  /** The people trained at least `minTrainings` times, with each of their trainings (name order). */
  async alumni(actor: Actor, filter: ReportFilter, minTrainings: number): Promise<AlumnusRaw[]> {
    const trained = this.trained(actor, filter);
    return namedQuery<AlumnusRaw>(
      this.dataSource.manager,
      `WITH trained AS MATERIALIZED (${trained.sql})
       SELECT p.id AS person_id, p.name, p.erased_at IS NOT NULL AS erased,
              array_agg(DISTINCT t.member_state ORDER BY t.member_state) AS member_states, o.name AS organisation_name,
              json_agg(json_build_object('trainingId', t.training_id, 'title', t.title, 'networkLanguage', t.network_language,
                         'startsAt', t.starts_at, 'year', t.year, 'memberState', t.member_state, 'status', t.status,
                         'curriculumId', t.curriculum_id, 'curriculumTitle', t.curriculum_title,
                         'curriculumNumber', t.curriculum_number) ORDER BY t.starts_at, t.training_id) AS trainings
         FROM trained t
         JOIN person p ON p.id = t.person_id
         LEFT JOIN organisation o ON o.id = p.organisation_id
        GROUP BY p.id, o.id
       HAVING count(DISTINCT t.training_id) >= :minTrainings
        ORDER BY p.name, p.id`,
      { ...trained.params, minTrainings },
    );
  }

  /**
   * Current member states with no trained official (within the filter), among those the actor may
   * answer for: every state of a network whose trainings they run or whose nominations they make as a
   * whole (secretariat, administrators), their own state for a focal point.
   */
  async untrainedStates(actor: Actor, filter: ReportFilter): Promise<UntrainedRaw[]> {
    const trained = this.trained(actor, filter);
    const p = fresh('un');
    const run = canSql(actor, 'RUN_TRAININGS', { network: 'ms.network_id' });
    const nominate = canSql(actor, 'NOMINATE_FOR_TRAINING', {
      network: 'ms.network_id',
      memberState: 'ms.country_code',
    });
    const scope = [`(${run.sql} OR ${nominate.sql})`, `(ms.left_on IS NULL OR ms.left_on > current_date)`];
    const params: Record<string, unknown> = { ...trained.params, ...run.params, ...nominate.params };
    if (filter.networkId) {
      scope.push(`ms.network_id = CAST(:${p}_network AS uuid)`);
      params[`${p}_network`] = filter.networkId;
    }
    return namedQuery<UntrainedRaw>(
      this.dataSource.manager,
      `WITH trained AS MATERIALIZED (${trained.sql})
       SELECT ms.network_id, n.name AS network_name, n.default_language AS network_language,
              trim(ms.country_code) AS country_code, c.names AS country_names
         FROM member_state ms
         JOIN network n ON n.id = ms.network_id
         JOIN country c ON c.code = ms.country_code
        WHERE ${scope.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM trained t WHERE t.network_id = ms.network_id AND t.member_state = trim(ms.country_code))
        ORDER BY n.id, ms.country_code`,
      params,
    );
  }
}
