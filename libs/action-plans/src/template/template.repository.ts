import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, namedQuery, TranslatableText, Visibility } from '@enlace/core';
import { RawTemplate, TemplateContent, TemplateRow, toTemplate } from './template.entity';

const COLUMNS = `t.id, t.network_id, n.default_language AS network_language, t.series_id, t.version, t.title, t.summary,
  t.visibility, t.content, t.source_plan_id, pb.name AS published_by_name, t.published_at,
  (SELECT max(l.version) FROM plan_template l WHERE l.series_id = t.series_id) AS latest_version`;
const FROM = `plan_template t JOIN network n ON n.id = t.network_id LEFT JOIN person pb ON pb.id = t.published_by`;

export interface TemplateValues {
  readonly networkId: string;
  readonly seriesId: string;
  readonly version: number;
  readonly title: TranslatableText;
  readonly summary: TranslatableText | null;
  readonly visibility: Visibility;
  readonly content: TemplateContent;
  readonly sourcePlanId: string | null;
}

/**
 * Plan template versions. There is no statement that edits one: a published version is immutable,
 * publishing again inserts version n+1 of the series.
 */
@Injectable()
export class TemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A version `actor` may read (its network's members; its partners' when PARTNERS), or null. */
  async findReadable(actor: Actor, id: string, tx?: EntityManager | null): Promise<TemplateRow | null> {
    const rows = await namedQuery<RawTemplate>(
      tx ?? this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = CAST(:id AS uuid) AND t.vis_keys && CAST(:keys AS text[])`,
      { id, keys: audienceKeys(actor) },
    );
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  /** Readable versions, newest first (only each series' latest unless `allVersions`), at most `limit`. */
  async list(
    actor: Actor,
    filter: { networkId?: string | null; seriesId?: string | null; allVersions: boolean },
    limit: number,
  ): Promise<TemplateRow[]> {
    const where = [`t.vis_keys && CAST(:keys AS text[])`];
    const params: Record<string, unknown> = { keys: audienceKeys(actor), limit };
    if (filter.networkId) {
      where.push(`t.network_id = CAST(:networkId AS uuid)`);
      params.networkId = filter.networkId;
    }
    if (filter.seriesId) {
      where.push(`t.series_id = CAST(:seriesId AS uuid)`);
      params.seriesId = filter.seriesId;
    }
    if (!filter.allVersions) {
      where.push(`t.version = (SELECT max(l.version) FROM plan_template l WHERE l.series_id = t.series_id)`);
    }
    const rows = await namedQuery<RawTemplate>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY t.published_at DESC, t.id LIMIT :limit`,
      params,
    );
    return rows.map(toTemplate);
  }

  /**
   * The series' next version number. A transaction-scoped advisory lock on the series queues two
   * publishers, and the count runs after it is held (a fresh snapshot in READ COMMITTED: a
   * `FOR UPDATE` over the existing rows would miss a version committed meanwhile).
   */
  async nextVersion(tx: EntityManager, seriesId: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('plan_template:' || $1))`, [seriesId]);
    const [row] = (await tx.query(
      `SELECT COALESCE(max(version), 0) + 1 AS next FROM plan_template WHERE series_id = $1`,
      [seriesId],
    )) as { next: number }[];
    return Number(row.next);
  }

  async insert(tx: EntityManager, values: TemplateValues, by: string): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_template (network_id, series_id, version, title, summary, visibility, vis_keys, content,
                                  source_plan_id, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, visibility_keys($1, $6), $7, $8, $9) RETURNING id`,
      [
        values.networkId,
        values.seriesId,
        values.version,
        JSON.stringify(values.title),
        values.summary ? JSON.stringify(values.summary) : null,
        values.visibility,
        JSON.stringify(values.content),
        values.sourcePlanId,
        by,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async linkPlan(tx: EntityManager, planId: string, templateId: string): Promise<void> {
    await tx.query(`UPDATE action_plan SET template_id = $2 WHERE id = $1`, [planId, templateId]);
  }

  /** The version each of these plans was copied from, keyed by plan, when `actor` may read it: one statement. */
  async readableOfPlans(actor: Actor, planIds: readonly string[]): Promise<Map<string, TemplateRow>> {
    if (planIds.length === 0) return new Map();
    const rows = await namedQuery<RawTemplate & { plan_id: string }>(
      this.dataSource.manager,
      `SELECT cp.id AS plan_id, ${COLUMNS} FROM action_plan cp JOIN (${FROM}) ON t.id = cp.template_id
        WHERE cp.id = ANY(CAST(:ids AS uuid[])) AND t.vis_keys && CAST(:keys AS text[])`,
      { ids: planIds, keys: audienceKeys(actor) },
    );
    return new Map(rows.map((r) => [r.plan_id, toTemplate(r)]));
  }
}
