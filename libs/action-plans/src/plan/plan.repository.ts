import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, namedQuery, TranslatableText, Visibility } from '@enlace/core';
import type { PlanStatus } from '../action-plans-rules';
import { PlanRow, RawPlan, toPlan } from './plan.entity';
import { PLAN_KEYS_SQL, readablePlanSql } from './plan.visibility';

const PLAN_COLUMNS = `p.id, p.network_id, n.default_language AS network_language, p.member_state, p.title, p.summary,
  to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
  p.status, p.visibility, p.version, p.updated_at, ub.name AS updated_by_name`;

const FROM = `action_plan p JOIN network n ON n.id = p.network_id LEFT JOIN person ub ON ub.id = p.updated_by`;

export interface PlanValues {
  readonly memberState: string | null;
  readonly title: TranslatableText;
  readonly summary: TranslatableText | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly status: PlanStatus;
  readonly visibility: Visibility;
}

export interface PlanFilter {
  readonly networkId?: string | null;
  readonly memberState?: string | null;
  readonly status?: PlanStatus | null;
  /** A prevention tag carried by one of the plan's objectives or actions. */
  readonly tag?: string | null;
}

@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findReadable(actor: Actor, id: string, tx?: EntityManager | null, lock = false): Promise<PlanRow | null> {
    const readable = readablePlanSql(actor);
    const rows = await namedQuery<RawPlan>(
      tx ?? this.dataSource.manager,
      `SELECT ${PLAN_COLUMNS} FROM ${FROM} WHERE p.id = CAST(:id AS uuid) AND ${readable.sql}${lock ? ' FOR UPDATE OF p' : ''}`,
      { ...readable.params, id },
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }

  async list(
    actor: Actor,
    filter: PlanFilter,
    page: { first: number; after: readonly [string] | null },
  ): Promise<{ rows: PlanRow[]; totalCount: number }> {
    const readable = readablePlanSql(actor);
    const where = [readable.sql];
    const params: Record<string, unknown> = { ...readable.params };
    if (filter.networkId) {
      where.push(`p.network_id = CAST(:networkId AS uuid)`);
      params.networkId = filter.networkId;
    }
    if (filter.memberState) {
      where.push(`p.member_state = :memberState`);
      params.memberState = filter.memberState;
    }
    if (filter.status) {
      where.push(`p.status = :status`);
      params.status = filter.status;
    }
    if (filter.tag) {
      where.push(`(EXISTS (SELECT 1 FROM plan_objective o WHERE o.plan_id = p.id AND :tag = ANY(o.tags))
        OR EXISTS (SELECT 1 FROM plan_action a WHERE a.plan_id = p.id AND :tag = ANY(a.tags)))`);
      params.tag = filter.tag;
    }
    const keyset = page.after ? [`p.id > CAST(:afterId AS uuid)`] : [];
    if (page.after) params.afterId = page.after[0];
    const manager = this.dataSource.manager;
    const [rows, count] = await Promise.all([
      namedQuery<RawPlan>(
        manager,
        `SELECT ${PLAN_COLUMNS} FROM ${FROM} WHERE ${[...where, ...keyset].join(' AND ')} ORDER BY p.id LIMIT :limit`,
        { ...params, limit: page.first + 1 },
      ),
      namedQuery<{ n: string }>(
        manager,
        `SELECT count(*) AS n FROM action_plan p WHERE ${where.join(' AND ')}`,
        params,
      ),
    ]);
    return { rows: rows.map(toPlan), totalCount: Number(count[0]?.n ?? 0) };
  }

  async networkExists(tx: EntityManager, networkId: string): Promise<boolean> {
    return ((await tx.query(`SELECT 1 FROM network WHERE id = $1`, [networkId])) as unknown[]).length > 0;
  }

  /** The networks partnered with `networkId` (a PARTNERS plan is shared with them). */
  async partnersOf(tx: EntityManager | null, networkId: string): Promise<string[]> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT partner_id FROM network_partner WHERE network_id = $1`,
      [networkId],
    )) as { partner_id: string }[];
    return rows.map((r) => r.partner_id);
  }

  /** Is `code` a current member state of the network? */
  async isMemberState(tx: EntityManager, networkId: string, code: string): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM member_state WHERE network_id = $1 AND country_code = $2 AND (left_on IS NULL OR left_on > current_date)`,
      [networkId, code],
    )) as unknown[];
    return rows.length > 0;
  }

  async insert(tx: EntityManager, networkId: string, values: PlanValues, by: string): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO action_plan (network_id, member_state, title, summary, period_start, period_end, status, visibility,
                                created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [
        networkId,
        values.memberState,
        JSON.stringify(values.title),
        values.summary ? JSON.stringify(values.summary) : null,
        values.periodStart,
        values.periodEnd,
        values.status,
        values.visibility,
        by,
      ],
    )) as { id: string }[];
    await this.refreshKeys(tx, row.id);
    return row.id;
  }

  /**
   * Writes the plan only while it is still at `expectedVersion` (TypeORM's version column would not
   * add that condition): false when someone else changed it first.
   */
  async updateIfVersion(
    tx: EntityManager,
    id: string,
    expectedVersion: number,
    values: Omit<PlanValues, 'memberState'>,
    by: string,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE action_plan SET title = $3, summary = $4, period_start = $5, period_end = $6, status = $7, visibility = $8,
              version = version + 1, updated_by = $9, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM changed`,
      [
        id,
        expectedVersion,
        JSON.stringify(values.title),
        values.summary ? JSON.stringify(values.summary) : null,
        values.periodStart,
        values.periodEnd,
        values.status,
        values.visibility,
        by,
      ],
    )) as unknown[];
    if (rows.length === 0) return false;
    await this.refreshKeys(tx, id);
    return true;
  }

  /** Who last changed the plan and when (read afresh: what a CONFLICT tells the editor who came second). */
  async lastChange(tx: EntityManager, id: string): Promise<{ name: string; at: Date }> {
    const rows = (await tx.query(
      `SELECT COALESCE(u.name, '') AS name, p.updated_at AS at FROM action_plan p LEFT JOIN person u ON u.id = p.updated_by
        WHERE p.id = $1`,
      [id],
    )) as { name: string; at: Date }[];
    return { name: rows[0]?.name ?? '', at: new Date(rows[0]?.at ?? Date.now()) };
  }

  /** Recomputes who may read the plan (visibility, status, country team, action owners). */
  async refreshKeys(tx: EntityManager, planId: string): Promise<void> {
    await tx.query(`UPDATE action_plan p SET vis_keys = ${PLAN_KEYS_SQL} WHERE p.id = $1`, [planId]);
  }

  /** Marks a change below the plan (objective, action, indicator, report) as the plan's latest. */
  async touch(tx: EntityManager, planId: string, by: string): Promise<void> {
    await tx.query(`UPDATE action_plan SET updated_by = $2, updated_at = now() WHERE id = $1`, [planId, by]);
  }
}
