import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, Language, namedQuery, TranslatableText, Visibility } from '@enlace/core';
import type { CompletionRule, TrainingFormat, TrainingStatus } from '../training-rules';
import { RawTraining, toTraining, TrainingRow } from './training.entity';
import { readableTrainingSql } from './training.visibility';

const TRAINING_COLUMNS = `tr.id, tr.network_id, n.default_language AS network_language, tr.curriculum_version_id,
  tr.title, tr.format, tr.places, tr.time_zone, tr.starts_at, tr.ends_at, tr.languages, tr.capacity,
  to_char(tr.enrolment_deadline, 'YYYY-MM-DD') AS enrolment_deadline, tr.partner_organisation_ids, tr.visibility,
  tr.status, tr.version, tr.completion_rule, tr.completion_min_share, tr.completed_at,
  (SELECT json_agg(json_build_object('countryCode', q.country_code, 'seats', q.seats) ORDER BY q.country_code)
     FROM training_quota q WHERE q.training_id = tr.id) AS quotas,
  (SELECT array_agg(t.person_id ORDER BY t.person_id) FROM training_trainer t WHERE t.training_id = tr.id) AS trainer_ids,
  (SELECT count(*) FROM enrolment e WHERE e.training_id = tr.id AND e.status IN ('CONFIRMED', 'ATTENDED', 'COMPLETED')) AS seated,
  (SELECT count(*) FROM enrolment e WHERE e.training_id = tr.id AND e.status = 'WAITLISTED') AS waitlisted`;

export interface TrainingValues {
  readonly curriculumVersionId: string;
  readonly title: TranslatableText;
  readonly format: TrainingFormat;
  readonly places: readonly string[];
  readonly timeZone: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly languages: readonly Language[];
  readonly capacity: number;
  readonly enrolmentDeadline: string | null;
  readonly partnerOrganisationIds: readonly string[];
  readonly visibility: Visibility;
  readonly completionRule: CompletionRule;
  readonly completionMinShare: number | null;
}

@Injectable()
export class TrainingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findReadable(actor: Actor, id: string, tx?: EntityManager | null, lock = false): Promise<TrainingRow | null> {
    const readable = readableTrainingSql(actor);
    const rows = await namedQuery<RawTraining>(
      tx ?? this.dataSource.manager,
      `SELECT ${TRAINING_COLUMNS} FROM training tr JOIN network n ON n.id = tr.network_id
        WHERE tr.id = CAST(:id AS uuid) AND ${readable.sql}${lock ? ' FOR UPDATE OF tr' : ''}`,
      { ...readable.params, id },
    );
    return rows[0] ? toTraining(rows[0]) : null;
  }

  async list(
    actor: Actor,
    filter: { networkId?: string | null; status?: TrainingStatus | null },
    page: { first: number; after: readonly [string, string] | null },
  ): Promise<{ rows: TrainingRow[]; totalCount: number }> {
    const readable = readableTrainingSql(actor);
    const where = [readable.sql];
    const params: Record<string, unknown> = { ...readable.params };
    if (filter.networkId) {
      where.push(`tr.network_id = CAST(:networkId AS uuid)`);
      params.networkId = filter.networkId;
    }
    if (filter.status) {
      where.push(`tr.status = :status`);
      params.status = filter.status;
    }
    const keyset = page.after
      ? [`(tr.starts_at, tr.id) > (CAST(:afterStart AS timestamptz), CAST(:afterId AS uuid))`]
      : [];
    if (page.after) Object.assign(params, { afterStart: page.after[0], afterId: page.after[1] });
    const manager = this.dataSource.manager;
    const [rows, count] = await Promise.all([
      namedQuery<RawTraining>(
        manager,
        `SELECT ${TRAINING_COLUMNS} FROM training tr JOIN network n ON n.id = tr.network_id
          WHERE ${[...where, ...keyset].join(' AND ')} ORDER BY tr.starts_at, tr.id LIMIT :limit`,
        { ...params, limit: page.first + 1 },
      ),
      namedQuery<{ n: string }>(manager, `SELECT count(*) AS n FROM training tr WHERE ${where.join(' AND ')}`, params),
    ]);
    return { rows: rows.map(toTraining), totalCount: Number(count[0]?.n ?? 0) };
  }

  async insert(
    tx: EntityManager,
    networkId: string,
    values: TrainingValues,
    createdBy: string | null,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO training (network_id, curriculum_version_id, title, format, places, time_zone, starts_at, ends_at,
                             languages, capacity, enrolment_deadline, partner_organisation_ids, visibility, created_by,
                             completion_rule, completion_min_share)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        networkId,
        values.curriculumVersionId,
        JSON.stringify(values.title),
        values.format,
        values.places,
        values.timeZone,
        values.startsAt,
        values.endsAt,
        values.languages,
        values.capacity,
        values.enrolmentDeadline,
        values.partnerOrganisationIds,
        values.visibility,
        createdBy,
        values.completionRule,
        values.completionMinShare,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async setStatus(tx: EntityManager, id: string, status: TrainingStatus): Promise<void> {
    await tx.query(`UPDATE training SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
      id,
      status,
    ]);
  }

  async setCompletionRule(tx: EntityManager, id: string, rule: CompletionRule, minShare: number | null): Promise<void> {
    await tx.query(
      `UPDATE training SET completion_rule = $2, completion_min_share = $3, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, rule, minShare],
    );
  }

  async markCompleted(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE training SET status = 'COMPLETED', completed_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async setQuotas(
    tx: EntityManager,
    id: string,
    quotas: readonly { countryCode: string; seats: number }[],
  ): Promise<void> {
    await tx.query(`DELETE FROM training_quota WHERE training_id = $1`, [id]);
    if (quotas.length === 0) return;
    await tx.query(
      `INSERT INTO training_quota (training_id, country_code, seats)
       SELECT $1, q.code, q.seats FROM unnest(CAST($2 AS char(2)[]), CAST($3 AS integer[])) AS q(code, seats)`,
      [id, quotas.map((q) => q.countryCode), quotas.map((q) => q.seats)],
    );
  }

  async setTrainers(tx: EntityManager, id: string, personIds: readonly string[]): Promise<void> {
    await tx.query(`DELETE FROM training_trainer WHERE training_id = $1`, [id]);
    if (personIds.length === 0) return;
    await tx.query(`INSERT INTO training_trainer (training_id, person_id) SELECT $1, unnest(CAST($2 AS uuid[]))`, [
      id,
      personIds,
    ]);
  }

  /** Of `personIds`, the people `actor` may see in the directory who hold a current term in `networkId`. */
  async visibleMembers(
    tx: EntityManager,
    actor: Actor,
    personIds: readonly string[],
    networkId: string,
  ): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT p.id FROM person p
        WHERE p.id = ANY(CAST($1 AS uuid[])) AND p.erased_at IS NULL AND p.vis_keys && CAST($3 AS text[])
          AND EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.network_id = $2
                        AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date))`,
      [personIds, networkId, audienceKeys(actor)],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Of `ids`, the organisations that exist (shared reference records, readable by all). */
  async organisationsAmong(tx: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.query(`SELECT id FROM organisation WHERE id = ANY(CAST($1 AS uuid[]))`, [ids])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  async networkExists(tx: EntityManager, networkId: string): Promise<boolean> {
    return ((await tx.query(`SELECT 1 FROM network WHERE id = $1`, [networkId])) as unknown[]).length > 0;
  }

  /** Nominees still counting on a training (confirmed or waitlisted), with their reading language. */
  async activeNominees(tx: EntityManager, trainingId: string): Promise<{ personId: string; language: Language }[]> {
    const rows = (await tx.query(
      `SELECT p.id, p.preferred_language FROM enrolment e JOIN person p ON p.id = e.person_id
        WHERE e.training_id = $1 AND e.status IN ('CONFIRMED', 'WAITLISTED') AND p.erased_at IS NULL ORDER BY p.id`,
      [trainingId],
    )) as { id: string; preferred_language: Language }[];
    return rows.map((r) => ({ personId: r.id, language: r.preferred_language }));
  }
}
