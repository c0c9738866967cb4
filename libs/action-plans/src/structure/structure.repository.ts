import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TranslatableText } from '@enlace/core';
import type { ActionStatus, IndicatorDirection, IndicatorValueType } from '../action-plans-rules';
import {
  ActionRow,
  IndicatorRow,
  ObjectiveRow,
  RawAction,
  RawIndicator,
  RawObjective,
  toAction,
  toIndicator,
  toObjective,
} from './structure.entity';

const OBJECTIVE_COLUMNS = `o.id, o.plan_id, o.position, o.title, o.description, o.tags, o.version`;
const ACTION_COLUMNS = `a.id, a.plan_id, a.objective_id, a.position, a.title, a.responsible_organisation,
  a.responsible_person_id, rp.name AS responsible_person_name, to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.status, a.progress, a.weight, a.tags, a.version`;
const INDICATOR_COLUMNS = `i.id, i.plan_id, i.action_id, i.title, i.unit, i.value_type, i.baseline, i.target, i.direction,
  i.current_value, to_char(i.schedule_start, 'YYYY-MM-DD') AS schedule_start,
  to_char(i.schedule_end, 'YYYY-MM-DD') AS schedule_end, i.every_months, i.version,
  (SELECT json_agg(json_build_object('id', d.id, 'due_on', to_char(d.due_on, 'YYYY-MM-DD'),
          'reported', EXISTS (SELECT 1 FROM plan_progress_report r WHERE r.due_id = d.id
                               AND NOT EXISTS (SELECT 1 FROM plan_progress_report s WHERE s.supersedes = r.id)))
          ORDER BY d.due_on)
     FROM plan_indicator_due d WHERE d.indicator_id = i.id) AS due_dates`;

export interface ObjectiveValues {
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly tags: readonly string[];
}

export interface ActionValues {
  readonly title: TranslatableText;
  readonly responsibleOrganisation: string | null;
  readonly responsiblePersonId: string | null;
  readonly startsOn: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly progress: number;
  readonly weight: number;
  readonly tags: readonly string[];
}

export interface IndicatorValues {
  readonly title: TranslatableText;
  readonly unit: string;
  readonly valueType: IndicatorValueType;
  readonly baseline: number;
  readonly target: number;
  readonly direction: IndicatorDirection;
  readonly scheduleStart: string;
  readonly scheduleEnd: string;
  readonly everyMonths: number;
}

type Table = 'plan_objective' | 'plan_action' | 'plan_indicator';

const json = (t: TranslatableText | null) => (t ? JSON.stringify(t) : null);

@Injectable()
export class StructureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A plan's objectives with their actions and indicators: three statements whatever the plan's size. */
  async tree(planId: string, tx?: EntityManager | null): Promise<ObjectiveRow[]> {
    const m = tx ?? this.dataSource.manager;
    const [objectives, actions, indicators] = await Promise.all([
      m.query(`SELECT ${OBJECTIVE_COLUMNS} FROM plan_objective o WHERE o.plan_id = $1 ORDER BY o.position, o.id`, [
        planId,
      ]) as Promise<RawObjective[]>,
      m.query(
        `SELECT ${ACTION_COLUMNS} FROM plan_action a LEFT JOIN person rp ON rp.id = a.responsible_person_id
          WHERE a.plan_id = $1 ORDER BY a.position, a.id`,
        [planId],
      ) as Promise<RawAction[]>,
      m.query(`SELECT ${INDICATOR_COLUMNS} FROM plan_indicator i WHERE i.plan_id = $1 ORDER BY i.id`, [
        planId,
      ]) as Promise<RawIndicator[]>,
    ]);
    const byAction = new Map<string, IndicatorRow[]>();
    for (const raw of indicators) {
      const list = byAction.get(raw.action_id) ?? [];
      list.push(toIndicator(raw));
      byAction.set(raw.action_id, list);
    }
    const byObjective = new Map<string, ActionRow[]>();
    for (const raw of actions) {
      const list = byObjective.get(raw.objective_id) ?? [];
      list.push(toAction(raw, byAction.get(raw.id) ?? []));
      byObjective.set(raw.objective_id, list);
    }
    return objectives.map((o) => toObjective(o, byObjective.get(o.id) ?? []));
  }

  async findObjective(tx: EntityManager | null, id: string): Promise<ObjectiveRow | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${OBJECTIVE_COLUMNS} FROM plan_objective o WHERE o.id = $1`,
      [id],
    )) as RawObjective[];
    return rows[0] ? toObjective(rows[0]) : null;
  }

  async findAction(tx: EntityManager | null, id: string): Promise<ActionRow | null> {
    const m = tx ?? this.dataSource.manager;
    const rows = (await m.query(
      `SELECT ${ACTION_COLUMNS} FROM plan_action a LEFT JOIN person rp ON rp.id = a.responsible_person_id WHERE a.id = $1`,
      [id],
    )) as RawAction[];
    if (!rows[0]) return null;
    const indicators = (await m.query(
      `SELECT ${INDICATOR_COLUMNS} FROM plan_indicator i WHERE i.action_id = $1 ORDER BY i.id`,
      [id],
    )) as RawIndicator[];
    return toAction(rows[0], indicators.map(toIndicator));
  }

  /** Several actions with their indicators, in the order of `ids`: two statements. */
  async findActions(ids: readonly string[]): Promise<ActionRow[]> {
    if (ids.length === 0) return [];
    const m = this.dataSource.manager;
    const [actions, indicators] = await Promise.all([
      m.query(
        `SELECT ${ACTION_COLUMNS} FROM plan_action a LEFT JOIN person rp ON rp.id = a.responsible_person_id
          WHERE a.id = ANY(CAST($1 AS uuid[]))`,
        [ids],
      ) as Promise<RawAction[]>,
      m.query(
        `SELECT ${INDICATOR_COLUMNS} FROM plan_indicator i WHERE i.action_id = ANY(CAST($1 AS uuid[])) ORDER BY i.id`,
        [ids],
      ) as Promise<RawIndicator[]>,
    ]);
    const byId = new Map(actions.map((a) => [a.id, a]));
    return ids.flatMap((id) => {
      const raw = byId.get(id);
      return raw ? [toAction(raw, indicators.filter((i) => i.action_id === id).map(toIndicator))] : [];
    });
  }

  async findIndicator(tx: EntityManager | null, id: string): Promise<IndicatorRow | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${INDICATOR_COLUMNS} FROM plan_indicator i WHERE i.id = $1`,
      [id],
    )) as RawIndicator[];
    return rows[0] ? toIndicator(rows[0]) : null;
  }

  /** Who last changed a row and when: what a CONFLICT tells the editor who came second. */
  async lastChange(tx: EntityManager, table: Table | 'action_plan', id: string): Promise<{ name: string; at: Date }> {
    const rows = (await tx.query(
      `SELECT COALESCE(p.name, '') AS name, x.updated_at AS at FROM ${table} x LEFT JOIN person p ON p.id = x.updated_by
        WHERE x.id = $1`,
      [id],
    )) as { name: string; at: Date }[];
    return rows[0] ? { name: rows[0].name, at: new Date(rows[0].at) } : { name: '', at: new Date() };
  }

  async count(tx: EntityManager, table: Table, parentColumn: string, parentId: string): Promise<number> {
    const [row] = (await tx.query(`SELECT count(*) AS n FROM ${table} WHERE ${parentColumn} = $1`, [parentId])) as {
      n: string;
    }[];
    return Number(row.n);
  }

  async insertObjective(tx: EntityManager, planId: string, values: ObjectiveValues, by: string): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_objective (plan_id, position, title, description, tags, updated_by)
       SELECT $1, COALESCE(max(position), 0) + 1, $2, $3, $4, $5 FROM plan_objective WHERE plan_id = $1 RETURNING id`,
      [planId, JSON.stringify(values.title), json(values.description), values.tags, by],
    )) as { id: string }[];
    return row.id;
  }

  async updateObjectiveIfVersion(
    tx: EntityManager,
    id: string,
    expectedVersion: number,
    values: ObjectiveValues,
    by: string,
  ): Promise<boolean> {
    return this.changed(
      tx,
      `UPDATE plan_objective SET title = $3, description = $4, tags = $5, version = version + 1, updated_by = $6,
              updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
      [id, expectedVersion, JSON.stringify(values.title), json(values.description), values.tags, by],
    );
  }

  async insertAction(
    tx: EntityManager,
    planId: string,
    objectiveId: string,
    values: ActionValues,
    by: string,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_action (plan_id, objective_id, position, title, responsible_organisation, responsible_person_id,
                                starts_on, due_on, status, progress, weight, tags, updated_by)
       SELECT $1, $2, COALESCE(max(position), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         FROM plan_action WHERE objective_id = $2 RETURNING id`,
      [
        planId,
        objectiveId,
        JSON.stringify(values.title),
        values.responsibleOrganisation,
        values.responsiblePersonId,
        values.startsOn,
        values.dueOn,
        values.status,
        values.progress,
        values.weight,
        values.tags,
        by,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async updateActionIfVersion(
    tx: EntityManager,
    id: string,
    expectedVersion: number,
    values: ActionValues,
    by: string,
  ): Promise<boolean> {
    return this.changed(
      tx,
      `UPDATE plan_action SET title = $3, responsible_organisation = $4, responsible_person_id = $5, starts_on = $6,
              due_on = $7, status = $8, progress = $9, weight = $10, tags = $11, version = version + 1,
              updated_by = $12, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        expectedVersion,
        JSON.stringify(values.title),
        values.responsibleOrganisation,
        values.responsiblePersonId,
        values.startsOn,
        values.dueOn,
        values.status,
        values.progress,
        values.weight,
        values.tags,
        by,
      ],
    );
  }

  /** A progress report moved the action: its status and progress, a new version. */
  async setActionState(
    tx: EntityManager,
    id: string,
    state: { status: ActionStatus; progress: number },
    by: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE plan_action SET status = $2, progress = $3, version = version + 1, updated_by = $4, updated_at = now()
        WHERE id = $1`,
      [id, state.status, state.progress, by],
    );
  }

  async insertIndicator(
    tx: EntityManager,
    planId: string,
    actionId: string,
    values: IndicatorValues,
    by: string,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_indicator (plan_id, action_id, title, unit, value_type, baseline, target, direction,
                                   schedule_start, schedule_end, every_months, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        planId,
        actionId,
        JSON.stringify(values.title),
        values.unit,
        values.valueType,
        values.baseline,
        values.target,
        values.direction,
        values.scheduleStart,
        values.scheduleEnd,
        values.everyMonths,
        by,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async updateIndicatorIfVersion(
    tx: EntityManager,
    id: string,
    expectedVersion: number,
    values: IndicatorValues,
    by: string,
  ): Promise<boolean> {
    return this.changed(
      tx,
      `UPDATE plan_indicator SET title = $3, unit = $4, value_type = $5, baseline = $6, target = $7, direction = $8,
              schedule_start = $9, schedule_end = $10, every_months = $11, version = version + 1, updated_by = $12,
              updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        expectedVersion,
        JSON.stringify(values.title),
        values.unit,
        values.valueType,
        values.baseline,
        values.target,
        values.direction,
        values.scheduleStart,
        values.scheduleEnd,
        values.everyMonths,
        by,
      ],
    );
  }

  async setIndicatorValue(tx: EntityManager, id: string, value: number | null): Promise<void> {
    await tx.query(`UPDATE plan_indicator SET current_value = $2, updated_at = now() WHERE id = $1`, [id, value]);
  }

  /** All the due dates of a new indicator's schedule. */
  async insertDueDates(tx: EntityManager, indicatorId: string, dates: readonly string[]): Promise<void> {
    await tx.query(
      `INSERT INTO plan_indicator_due (indicator_id, due_on) SELECT $1, d FROM unnest(CAST($2 AS date[])) AS d
       ON CONFLICT DO NOTHING`,
      [indicatorId, dates],
    );
  }

  /**
   * A changed schedule: due dates after `today` that carry no report and are not in the new
   * schedule go; the new schedule's dates after `today` come. Past dates and reported ones stay.
   */
  async regenerateDueDates(
    tx: EntityManager,
    indicatorId: string,
    dates: readonly string[],
    today: string,
  ): Promise<{ removed: number; added: number }> {
    const removed = (await tx.query(
      `WITH gone AS (DELETE FROM plan_indicator_due d
        WHERE d.indicator_id = $1 AND d.due_on > CAST($3 AS date) AND NOT (d.due_on = ANY(CAST($2 AS date[])))
          AND NOT EXISTS (SELECT 1 FROM plan_progress_report r WHERE r.due_id = d.id) RETURNING d.id)
       SELECT id FROM gone`,
      [indicatorId, dates, today],
    )) as unknown[];
    const added = (await tx.query(
      `WITH added AS (INSERT INTO plan_indicator_due (indicator_id, due_on)
         SELECT $1, d FROM unnest(CAST($2 AS date[])) AS d WHERE d > CAST($3 AS date)
         ON CONFLICT DO NOTHING RETURNING id) SELECT id FROM added`,
      [indicatorId, dates, today],
    )) as unknown[];
    return { removed: removed.length, added: added.length };
  }

  /** Are these people in the directory the actor's network sees (a current membership of the plan's network)? */
  async membersOf(tx: EntityManager, networkId: string, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT DISTINCT m.person_id FROM membership m
        WHERE m.network_id = $1 AND m.person_id = ANY(CAST($2 AS uuid[]))
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)`,
      [networkId, personIds],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  private async changed(tx: EntityManager, update: string, params: unknown[]): Promise<boolean> {
    const rows = (await tx.query(`WITH changed AS (${update}) SELECT id FROM changed`, params)) as unknown[];
    return rows.length > 0;
  }
}
