import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TranslatableText } from '@enlace/core';
import type { ActionStatus } from '../action-plans-rules';
import { RawReport, ReportRow, toReport } from './report.entity';

const REPORT_COLUMNS = `r.id, r.seq, r.plan_id, r.action_id, r.indicator_id, r.due_id,
  to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.status, r.progress, r.value, r.narrative, r.supersedes,
  (SELECT s.id FROM plan_progress_report s WHERE s.supersedes = r.id) AS superseded_by,
  r.author_id, au.name AS author_name, r.created_at`;
const FROM = `plan_progress_report r LEFT JOIN plan_indicator_due d ON d.id = r.due_id LEFT JOIN person au ON au.id = r.author_id`;
/** Not superseded by a correction. */
const EFFECTIVE = `NOT EXISTS (SELECT 1 FROM plan_progress_report s WHERE s.supersedes = r.id)`;

export interface ReportValues {
  readonly planId: string;
  readonly actionId: string;
  readonly indicatorId: string | null;
  readonly dueId: string | null;
  readonly status: ActionStatus | null;
  readonly progress: number | null;
  readonly value: number | null;
  readonly narrative: TranslatableText | null;
  readonly supersedes: string | null;
}

/** The log is append-only: this repository inserts and reads entries, and has no statement that edits one. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(tx: EntityManager | null, id: string, lock = false): Promise<ReportRow | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${REPORT_COLUMNS} FROM ${FROM} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    )) as RawReport[];
    return rows[0] ? toReport(rows[0]) : null;
  }

  /** An action's log, oldest first, corrections and the entries they supersede alike. */
  async forAction(actionId: string, tx?: EntityManager | null): Promise<ReportRow[]> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${REPORT_COLUMNS} FROM ${FROM} WHERE r.action_id = $1 ORDER BY r.seq`,
      [actionId],
    )) as RawReport[];
    return rows.map(toReport);
  }

  async insert(tx: EntityManager, values: ReportValues, by: string): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_progress_report (plan_id, action_id, indicator_id, due_id, status, progress, value, narrative,
                                         supersedes, author_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        values.planId,
        values.actionId,
        values.indicatorId,
        values.dueId,
        values.status,
        values.progress,
        values.value,
        values.narrative ? JSON.stringify(values.narrative) : null,
        values.supersedes,
        by,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** The due date `dueOn` of `indicatorId`, if its schedule has it. */
  async dueOf(tx: EntityManager, indicatorId: string, dueOn: string): Promise<{ id: string } | null> {
    const rows = (await tx.query(`SELECT id FROM plan_indicator_due WHERE indicator_id = $1 AND due_on = $2`, [
      indicatorId,
      dueOn,
    ])) as { id: string }[];
    return rows[0] ?? null;
  }

  /** Does an effective (not superseded) value already answer this due date? */
  async dueAnswered(tx: EntityManager, dueId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM plan_progress_report r WHERE r.due_id = $1 AND ${EFFECTIVE}`, [
      dueId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The action's state as its effective reports say: the latest status and the latest progress given. */
  async effectiveActionState(
    tx: EntityManager,
    actionId: string,
  ): Promise<{ status: ActionStatus | null; progress: number | null }> {
    const [row] = (await tx.query(
      `SELECT (SELECT r.status FROM plan_progress_report r WHERE r.action_id = $1 AND r.indicator_id IS NULL
                 AND r.status IS NOT NULL AND ${EFFECTIVE} ORDER BY r.seq DESC LIMIT 1) AS status,
              (SELECT r.progress FROM plan_progress_report r WHERE r.action_id = $1 AND r.indicator_id IS NULL
                 AND r.progress IS NOT NULL AND ${EFFECTIVE} ORDER BY r.seq DESC LIMIT 1) AS progress`,
      [actionId],
    )) as { status: ActionStatus | null; progress: number | null }[];
    return row;
  }

  /** The indicator's current value: the effective value of its latest reported due date. */
  async effectiveIndicatorValue(tx: EntityManager, indicatorId: string): Promise<number | null> {
    const rows = (await tx.query(
      `SELECT r.value FROM plan_progress_report r JOIN plan_indicator_due d ON d.id = r.due_id
        WHERE r.indicator_id = $1 AND ${EFFECTIVE} ORDER BY d.due_on DESC, r.seq DESC LIMIT 1`,
      [indicatorId],
    )) as { value: string }[];
    return rows[0] ? Number(rows[0].value) : null;
  }
}
