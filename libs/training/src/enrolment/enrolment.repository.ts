import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, Language, TranslatableText } from '@enlace/core';
import type { CompletionReason, EnrolmentStatus } from '../training-rules';

export interface EnrolmentRow {
  readonly id: string;
  readonly trainingId: string;
  readonly personId: string;
  readonly name: string;
  readonly erased: boolean;
  readonly language: Language;
  readonly memberState: string;
  readonly status: EnrolmentStatus;
  readonly seq: number;
  readonly nominatedBy: string | null;
  readonly nominatedAt: Date;
  /** Set when the training completed and this enrolment was evaluated. */
  readonly completion: EnrolmentCompletion | null;
}

/** How an enrolment fared when its training completed. */
export interface EnrolmentCompletion {
  readonly evaluatedAt: Date;
  /** Null when it completed. */
  readonly reason: CompletionReason | null;
  /** MISSED_REQUIRED_MODULES: the titles of the required modules missed, in curriculum order. */
  readonly missedModules: TranslatableText[];
  readonly present: number;
  readonly sessions: number;
  /** SHARE_TOO_LOW: the share of sessions the training required. */
  readonly minShare: number | null;
}

interface RawEnrolment {
  id: string;
  training_id: string;
  person_id: string;
  name: string;
  erased: boolean;
  preferred_language: Language;
  member_state: string;
  status: EnrolmentStatus;
  seq: string;
  nominated_by: string | null;
  nominated_at: Date;
  completion_evaluated_at: Date | null;
  completion_reason: CompletionReason | null;
  completion_missed_titles: TranslatableText[] | null;
  completion_present: number | null;
  completion_sessions: number | null;
  completion_min_share: string | number | null;
}

const COLUMNS = `e.id, e.training_id, e.person_id, p.name, p.erased_at IS NOT NULL AS erased, p.preferred_language,
  e.member_state, e.status, e.seq, e.nominated_by, e.nominated_at, e.completion_evaluated_at, e.completion_reason,
  e.completion_present, e.completion_sessions,
  CASE WHEN cardinality(e.completion_missed) > 0 THEN
    (SELECT json_agg(m.title ORDER BY m.position) FROM curriculum_module m WHERE m.id = ANY(e.completion_missed))
  END AS completion_missed_titles,
  CASE WHEN e.completion_reason = 'SHARE_TOO_LOW' THEN
    (SELECT t.completion_min_share FROM training t WHERE t.id = e.training_id)
  END AS completion_min_share`;

function toEnrolment(r: RawEnrolment): EnrolmentRow {
  return {
    id: r.id,
    trainingId: r.training_id,
    personId: r.person_id,
    name: r.name,
    erased: r.erased,
    language: r.preferred_language,
    memberState: r.member_state.trim(),
    status: r.status,
    seq: Number(r.seq),
    nominatedBy: r.nominated_by,
    nominatedAt: r.nominated_at,
    completion: r.completion_evaluated_at
      ? {
          evaluatedAt: new Date(r.completion_evaluated_at),
          reason: r.completion_reason,
          missedModules: r.completion_missed_titles ?? [],
          present: r.completion_present ?? 0,
          sessions: r.completion_sessions ?? 0,
          minShare: r.completion_min_share === null ? null : Number(r.completion_min_share),
        }
      : null,
  };
}

@Injectable()
export class EnrolmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seats held, overall and per country (CONFIRMED, ATTENDED, COMPLETED). */
  async seated(tx: EntityManager, trainingId: string): Promise<Map<string, number>> {
    const rows = (await tx.query(
      `SELECT member_state, count(*)::int AS n FROM enrolment
        WHERE training_id = $1 AND status IN ('CONFIRMED', 'ATTENDED', 'COMPLETED') GROUP BY member_state`,
      [trainingId],
    )) as { member_state: string; n: number }[];
    return new Map(rows.map((r) => [r.member_state.trim(), r.n]));
  }

  async insert(
    tx: EntityManager,
    row: {
      trainingId: string;
      personId: string;
      memberState: string;
      status: EnrolmentStatus;
      nominatedBy: string | null;
    },
  ): Promise<string | null> {
    const rows = (await tx.query(
      `INSERT INTO enrolment (training_id, person_id, member_state, status, nominated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (training_id, person_id) DO NOTHING RETURNING id`,
      [row.trainingId, row.personId, row.memberState, row.status, row.nominatedBy],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async find(tx: EntityManager | null, id: string): Promise<EnrolmentRow | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM enrolment e JOIN person p ON p.id = e.person_id WHERE e.id = $1`,
      [id],
    )) as RawEnrolment[];
    return rows[0] ? toEnrolment(rows[0]) : null;
  }

  async setStatus(tx: EntityManager, id: string, status: EnrolmentStatus): Promise<void> {
    await tx.query(`UPDATE enrolment SET status = $2, decided_at = now() WHERE id = $1`, [id, status]);
  }

  /** The waitlist, in nomination order. */
  async waitlist(tx: EntityManager, trainingId: string): Promise<EnrolmentRow[]> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS} FROM enrolment e JOIN person p ON p.id = e.person_id
        WHERE e.training_id = $1 AND e.status = 'WAITLISTED' ORDER BY e.seq`,
      [trainingId],
    )) as RawEnrolment[];
    return rows.map(toEnrolment);
  }

  /** Enrolments of several trainings (a page's worth), in nomination order. */
  async ofTrainings(trainingIds: readonly string[]): Promise<EnrolmentRow[]> {
    if (trainingIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM enrolment e JOIN person p ON p.id = e.person_id
        WHERE e.training_id = ANY(CAST($1 AS uuid[])) ORDER BY e.training_id, e.seq`,
      [trainingIds],
    )) as RawEnrolment[];
    return rows.map(toEnrolment);
  }

  /**
   * The person if `actor` may see them in the directory (their `vis_keys`), with their country: whom
   * a nominator may name. A hidden person is no answer at all.
   */
  async visiblePerson(
    tx: EntityManager,
    actor: Actor,
    personId: string,
  ): Promise<{ id: string; countryCode: string | null } | null> {
    const rows = (await tx.query(
      `SELECT id, country_code FROM person WHERE id = $1 AND erased_at IS NULL AND vis_keys && CAST($2 AS text[])`,
      [personId, audienceKeys(actor)],
    )) as { id: string; country_code: string | null }[];
    return rows[0] ? { id: rows[0].id, countryCode: rows[0].country_code?.trim() ?? null } : null;
  }

  async isMemberState(tx: EntityManager, networkId: string, code: string): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM member_state WHERE network_id = $1 AND country_code = $2 AND (left_on IS NULL OR left_on > current_date)`,
      [networkId, code],
    )) as unknown[];
    return rows.length > 0;
  }
}
