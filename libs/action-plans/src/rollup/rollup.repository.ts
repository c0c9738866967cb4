import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, namedQuery, preparedNamedQuery, Tx } from '@enlace/core';
import type { ActionStatus, PlanStatus } from '../action-plans-rules';
import { planAudienceKeys, readablePlanSql } from '../plan/plan.visibility';
import { DashboardLineRow, PlanFigures, PlanRollupRow, RawDashboardLine, toDashboardLine } from './rollup.entity';

/**
 * An indicator's track as of `:asOf`: ON when the share of the way from baseline to target it has
 * covered is at least the share of its schedule that has elapsed (so one that reached its target is
 * on track), OFF when behind, NONE without a value yet.
 */
const TRACK = `CASE WHEN i.current_value IS NULL THEN 'NONE'
  WHEN (i.current_value - i.baseline)::float8 / (i.target - i.baseline)::float8
       >= LEAST(1, GREATEST(0, (CAST(:asOf AS date) - i.schedule_start)::float8
                               / NULLIF(i.schedule_end - i.schedule_start, 0)))
    THEN 'ON' ELSE 'OFF' END`;

/** In float8 (numeric arithmetic per row cost the dashboard a third of its time); rounded at the end. */
const EFFECTIVE_PROGRESS = `CASE WHEN a.status = 'DONE' THEN 100 ELSE a.progress END::float8`;
const ROUND = (x: string) => `round(CAST(${x} AS numeric), 1)`;
const OVERDUE = `(a.due_on < CAST(:asOf AS date) AND a.status NOT IN ('DONE', 'CANCELLED'))`;

export interface DashboardFilter {
  readonly networkId: string;
  readonly asOf: string;
  readonly status?: PlanStatus | null;
  /** Plans whose period overlaps [from, to]. */
  readonly periodFrom?: string | null;
  readonly periodTo?: string | null;
  /** Only active-or-later plans of these visibilities (a snapshot for a meeting's audience). */
  readonly visibilities?: readonly string[] | null;
}

/** How many dashboards (caller's keys × filters × date) a process keeps; the oldest goes first. */
const MAX_CACHED_DASHBOARDS = 256;

/**
 * What the network's plans are now: each plan's id and row version (`xmin`, new with every UPDATE of
 * the row). Every change a dashboard counts updates its plan's row in the same transaction (the
 * service's `touched`: structure, sources, the progress log; the plan's own changes), so an equal
 * token means the same figures.
 */
const PLANS_TOKEN = `SELECT md5(COALESCE(string_agg(p.id::text || '.' || p.xmin::text, ',' ORDER BY p.id), '')) AS token
  FROM action_plan p WHERE p.network_id = CAST(:networkId AS uuid)`;

/** Roll-ups in SQL: one statement per plan, one for a whole dashboard, whatever the number of plans. */
@Injectable()
export class RollupRepository {
  /** Dashboards computed, by caller's keys and filters, with the plans' token they were computed under. */
  private readonly dashboards = new Map<string, { token: string; lines: DashboardLineRow[] }>();
  private readonly computing = new Map<string, Promise<DashboardLineRow[]>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async planRollup(planId: string, asOf: string): Promise<PlanRollupRow> {
    const [row] = await namedQuery<{
      progress: string | null;
      by_status: { status: ActionStatus; count: number }[] | null;
      overdue: string;
      on_track: string;
      off_track: string;
      no_data: string;
    }>(
      this.dataSource.manager,
      `WITH a AS (SELECT * FROM plan_action a WHERE a.plan_id = CAST(:planId AS uuid)),
            t AS (SELECT ${TRACK} AS track FROM plan_indicator i WHERE i.plan_id = CAST(:planId AS uuid))
       SELECT (SELECT ${ROUND(`sum(a.weight * ${EFFECTIVE_PROGRESS}) / NULLIF(sum(a.weight), 0)`)}
                 FROM a WHERE a.status <> 'CANCELLED') AS progress,
              (SELECT json_agg(json_build_object('status', s.status, 'count', s.n) ORDER BY s.status)
                 FROM (SELECT a.status, count(*) AS n FROM a GROUP BY a.status) s) AS by_status,
              (SELECT count(*) FROM a WHERE ${OVERDUE}) AS overdue,
              (SELECT count(*) FROM t WHERE track = 'ON') AS on_track,
              (SELECT count(*) FROM t WHERE track = 'OFF') AS off_track,
              (SELECT count(*) FROM t WHERE track = 'NONE') AS no_data`,
      { planId, asOf },
    );
    return {
      progress: row.progress === null ? null : Number(row.progress),
      actionsByStatus: (row.by_status ?? []).map((s) => ({ status: s.status, count: Number(s.count) })),
      overdue: Number(row.overdue),
      indicatorsOnTrack: Number(row.on_track),
      indicatorsOffTrack: Number(row.off_track),
      indicatorsWithoutData: Number(row.no_data),
    };
  }

  /**
   * The network dashboard in one statement: the plans of the network the caller may read (the same
   * keys as every list), their actions and indicators, grouped per member state, UN region,
   * prevention dimension (an action's own tags and its objective's) and year an action is due.
   */
  async dashboard(actor: Actor, filter: DashboardFilter): Promise<DashboardLineRow[]> {
    // The token first, then the figures: a change committed between them makes the next token differ.
    const [{ token }] = await preparedNamedQuery<{ token: string }>(this.dataSource, PLANS_TOKEN, {
      networkId: filter.networkId,
    });
    const key = JSON.stringify([
      planAudienceKeys(actor).sort(),
      filter.networkId,
      filter.asOf,
      filter.status ?? null,
      filter.periodFrom ?? null,
      filter.periodTo ?? null,
    ]);
    const cached = this.dashboards.get(key);
    this.dashboards.delete(key);
    if (cached && cached.token === token) {
      this.dashboards.set(key, cached);
      return cached.lines;
    }
    // One computation per key and token, however many callers miss at once (a change just committed).
    const flight = `${key}|${token}`;
    let computing = this.computing.get(flight);
    if (!computing) {
      computing = this.computeDashboard(actor, filter).finally(() => this.computing.delete(flight));
      this.computing.set(flight, computing);
    }
    const lines = await computing;
    this.dashboards.set(key, { token, lines });
    if (this.dashboards.size > MAX_CACHED_DASHBOARDS) this.dashboards.delete(this.dashboards.keys().next().value!);
    return lines;
  }

  /**
   * Each plan's figures (a dashboard's lines summed per plan, `dashboardLines` sums them back): the
   * plans `computeDashboard` would count, one statement. What a snapshot freezes, inside `tx` when
   * given (a snapshot is taken in its own transaction: on the embedded database, the only connection).
   */
  async computePlanFigures(actor: Actor, filter: DashboardFilter, tx?: Tx): Promise<PlanFigures[]> {
    const { where, params } = this.planFilter(actor, filter);
    const sums = `count(*) FILTER (WHERE status <> 'CANCELLED') AS actions,
      COALESCE(sum(weight) FILTER (WHERE status <> 'CANCELLED'), 0) AS w,
      COALESCE(sum(weight * eff) FILTER (WHERE status <> 'CANCELLED'), 0) AS we,
      count(*) FILTER (WHERE status = 'DONE') AS done, count(*) FILTER (WHERE overdue) AS overdue`;
    const json = (alias: string) =>
      `COALESCE((SELECT json_agg(json_build_object('key', ${alias}.key, 'actions', ${alias}.actions, 'w', ${alias}.w,
         'we', ${alias}.we, 'done', ${alias}.done, 'overdue', ${alias}.overdue) ORDER BY ${alias}.key)
         FROM ${alias} WHERE ${alias}.plan_id = vp.id), '[]')`;
    const rows = await namedQuery<{
      plan_id: string;
      member_state: string | null;
      region: string | null;
      actions: string;
      w: number;
      we: number;
      done: string;
      overdue: string;
      on_track: string;
      off_track: string;
      dimensions: { key: string; actions: number; w: number; we: number; done: number; overdue: number }[];
      years: { key: string; actions: number; w: number; we: number; done: number; overdue: number }[];
    }>(
      tx ?? this.dataSource.manager,
      `WITH vp AS MATERIALIZED (
         SELECT p.id, p.member_state, c.region FROM action_plan p LEFT JOIN country c ON c.code = p.member_state
          WHERE ${where.join(' AND ')}),
       va AS MATERIALIZED (
         SELECT a.plan_id, a.status, a.weight::float8 AS weight, ${EFFECTIVE_PROGRESS} AS eff,
                ${OVERDUE} AS overdue, a.tags || o.tags AS tags, extract(year FROM a.due_on)::int AS due_year
           FROM plan_action a JOIN vp ON vp.id = a.plan_id JOIN plan_objective o ON o.id = a.objective_id),
       vi AS (SELECT i.plan_id, ${TRACK} AS track FROM plan_indicator i JOIN vp ON vp.id = i.plan_id),
       pa AS (SELECT plan_id, ${sums} FROM va GROUP BY plan_id),
       pi AS (SELECT plan_id, count(*) FILTER (WHERE track = 'ON') AS on_track,
                     count(*) FILTER (WHERE track = 'OFF') AS off_track FROM vi GROUP BY plan_id),
       pd AS (SELECT plan_id, tag AS key, ${sums}
                FROM va CROSS JOIN LATERAL (SELECT DISTINCT t AS tag FROM unnest(va.tags) t WHERE t LIKE 'dimension:%') d
               GROUP BY plan_id, tag),
       py AS (SELECT plan_id, due_year::text AS key, ${sums} FROM va GROUP BY plan_id, due_year)
       SELECT vp.id AS plan_id, vp.member_state, vp.region, COALESCE(pa.actions, 0) AS actions, COALESCE(pa.w, 0) AS w,
              COALESCE(pa.we, 0) AS we, COALESCE(pa.done, 0) AS done, COALESCE(pa.overdue, 0) AS overdue,
              COALESCE(pi.on_track, 0) AS on_track, COALESCE(pi.off_track, 0) AS off_track,
              ${json('pd')} AS dimensions, ${json('py')} AS years
         FROM vp LEFT JOIN pa ON pa.plan_id = vp.id LEFT JOIN pi ON pi.plan_id = vp.id
        ORDER BY vp.id`,
      params,
    );
    const sumsOf = (s: Record<'actions' | 'w' | 'we' | 'done' | 'overdue', number | string>) => ({
      actions: Number(s.actions),
      w: Number(s.w),
      we: Number(s.we),
      done: Number(s.done),
      overdue: Number(s.overdue),
    });
    return rows.map((r) => ({
      planId: r.plan_id,
      memberState: r.member_state === null ? null : r.member_state.trim(),
      region: r.region,
      ...sumsOf(r),
      onTrack: Number(r.on_track),
      offTrack: Number(r.off_track),
      dimensions: r.dimensions.map((d) => ({ key: d.key, ...sumsOf(d) })),
      years: r.years.map((y) => ({ key: y.key, ...sumsOf(y) })),
    }));
  }

  /** Which plans a dashboard counts: the network's, those the caller may read, narrowed by the filter. */
  private planFilter(actor: Actor, filter: DashboardFilter): { where: string[]; params: Record<string, unknown> } {
    const readable = readablePlanSql(actor);
    const where = [`p.network_id = CAST(:networkId AS uuid)`, readable.sql];
    const params: Record<string, unknown> = { ...readable.params, networkId: filter.networkId, asOf: filter.asOf };
    if (filter.status) {
      where.push(`p.status = :status`);
      params.status = filter.status;
    }
    if (filter.periodFrom) {
      where.push(`p.period_end >= CAST(:periodFrom AS date)`);
      params.periodFrom = filter.periodFrom;
    }
    if (filter.periodTo) {
      where.push(`p.period_start <= CAST(:periodTo AS date)`);
      params.periodTo = filter.periodTo;
    }
    if (filter.visibilities) {
      where.push(`p.status <> 'DRAFT' AND p.visibility = ANY(CAST(:visibilities AS text[]))`);
      params.visibilities = filter.visibilities;
    }
    return { where, params };
  }

  /** The figures, computed now (no cache): the dashboard's statement. */
  async computeDashboard(actor: Actor, filter: DashboardFilter, tx?: Tx): Promise<DashboardLineRow[]> {
    const { where, params } = this.planFilter(actor, filter);
    const stats = `count(DISTINCT plan_id) AS plans, count(*) FILTER (WHERE status <> 'CANCELLED') AS actions,
      ${ROUND(`sum(weight * eff) FILTER (WHERE status <> 'CANCELLED') / NULLIF(sum(weight) FILTER (WHERE status <> 'CANCELLED'), 0)`)} AS progress,
      count(*) FILTER (WHERE status = 'DONE') AS done, count(*) FILTER (WHERE overdue) AS overdue`;
    // Prepared per shape (a few filter combinations): planning it cost as much as running it.
    const sql = `WITH vp AS MATERIALIZED (
         SELECT p.id, p.member_state, c.region FROM action_plan p LEFT JOIN country c ON c.code = p.member_state
          WHERE ${where.join(' AND ')}),
       va AS MATERIALIZED (
         SELECT a.plan_id, vp.member_state, vp.region, a.status, a.weight::float8 AS weight, ${EFFECTIVE_PROGRESS} AS eff,
                ${OVERDUE} AS overdue, a.tags || o.tags AS tags, extract(year FROM a.due_on)::int AS due_year
           FROM plan_action a JOIN vp ON vp.id = a.plan_id JOIN plan_objective o ON o.id = a.objective_id),
       vi AS (SELECT i.plan_id, ${TRACK} AS track FROM plan_indicator i JOIN vp ON vp.id = i.plan_id),
       pa AS (SELECT plan_id, count(*) FILTER (WHERE status <> 'CANCELLED') AS actions,
                     sum(weight) FILTER (WHERE status <> 'CANCELLED') AS w,
                     sum(weight * eff) FILTER (WHERE status <> 'CANCELLED') AS we,
                     count(*) FILTER (WHERE status = 'DONE') AS done, count(*) FILTER (WHERE overdue) AS overdue
                FROM va GROUP BY plan_id),
       pi AS (SELECT plan_id, count(*) FILTER (WHERE track = 'ON') AS on_track,
                     count(*) FILTER (WHERE track = 'OFF') AS off_track FROM vi GROUP BY plan_id),
       pp AS (SELECT vp.member_state, vp.region, COALESCE(pa.actions, 0) AS actions, COALESCE(pa.w, 0) AS w,
                     COALESCE(pa.we, 0) AS we, COALESCE(pa.done, 0) AS done, COALESCE(pa.overdue, 0) AS overdue,
                     COALESCE(pi.on_track, 0) AS on_track, COALESCE(pi.off_track, 0) AS off_track
                FROM vp LEFT JOIN pa ON pa.plan_id = vp.id LEFT JOIN pi ON pi.plan_id = vp.id),
       plan_stats AS (
         SELECT CASE WHEN GROUPING(member_state) = 0 THEN 'MEMBER_STATE'
                     WHEN GROUPING(region) = 0 THEN 'REGION' ELSE 'TOTAL' END AS grouping,
                COALESCE(CASE WHEN GROUPING(member_state) = 0 THEN member_state END,
                         CASE WHEN GROUPING(region) = 0 THEN region END) AS key,
                count(*) AS plans, sum(actions) AS actions, ${ROUND('sum(we) / NULLIF(sum(w), 0)')} AS progress,
                sum(done) AS done, sum(overdue) AS overdue, sum(on_track) AS on_track, sum(off_track) AS off_track
           FROM pp GROUP BY GROUPING SETS ((member_state), (region), ()))
       SELECT grouping, key, plans, actions, progress, done, overdue, on_track, off_track FROM plan_stats
       UNION ALL
       SELECT 'DIMENSION', tag, ${stats}, 0, 0
         FROM va CROSS JOIN LATERAL (SELECT DISTINCT t AS tag FROM unnest(va.tags) t WHERE t LIKE 'dimension:%') d
        GROUP BY tag
       UNION ALL
       SELECT 'YEAR', due_year::text, ${stats}, 0, 0 FROM va GROUP BY due_year`;
    const rows = tx
      ? await namedQuery<RawDashboardLine>(tx, sql, params)
      : await preparedNamedQuery<RawDashboardLine>(this.dataSource, sql, params);
    const order = ['TOTAL', 'MEMBER_STATE', 'REGION', 'DIMENSION', 'YEAR'];
    return rows
      .map(toDashboardLine)
      .sort(
        (a, b) =>
          order.indexOf(a.grouping) - order.indexOf(b.grouping) ||
          String(a.key ?? '').localeCompare(String(b.key ?? '')),
      );
  }
}
