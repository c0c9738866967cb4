import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, namedQuery, Visibility } from '@enlace/core';
import { readablePlanSql } from '../plan/plan.visibility';
import type { DashboardLineRow, PlanFigures } from '../rollup/rollup.entity';

export interface SnapshotRow {
  readonly id: string;
  readonly agendaItemId: string;
  readonly networkId: string;
  readonly asOf: string;
  readonly audience: Visibility;
  readonly lines: DashboardLineRow[];
  readonly attachedByName: string | null;
  readonly attachedAt: Date;
}

/** A snapshot as stored: its plans' frozen figures (null on one attached before they were kept). */
export interface StoredSnapshot extends SnapshotRow {
  readonly plans: PlanFigures[] | null;
}

interface RawSnapshot {
  id: string;
  agenda_item_id: string;
  network_id: string;
  as_of: string;
  audience: Visibility;
  lines: DashboardLineRow[];
  plans: PlanFigures[] | null;
  attached_by_name: string | null;
  attached_at: Date;
}

const COLUMNS = `s.id, s.agenda_item_id, s.network_id, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.audience, s.lines, s.plans,
       pe.name AS attached_by_name, s.attached_at`;
const SELECT = `SELECT ${COLUMNS} FROM plan_dashboard_snapshot s LEFT JOIN person pe ON pe.id = s.attached_by`;

const toRow = (r: RawSnapshot): StoredSnapshot => ({
  id: r.id,
  agendaItemId: r.agenda_item_id,
  networkId: r.network_id,
  asOf: r.as_of,
  audience: r.audience,
  lines: r.lines,
  plans: r.plans,
  attachedByName: r.attached_by_name,
  attachedAt: r.attached_at,
});

/** Dashboards frozen on agenda items; the agenda item is read across contexts (its meeting only). */
@Injectable()
export class SnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The meeting of a stored agenda item, or null. */
  async agendaItemMeeting(agendaItemId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT meeting_id FROM meeting_agenda_item WHERE id = $1`, [
      agendaItemId,
    ])) as { meeting_id: string }[];
    return rows[0]?.meeting_id ?? null;
  }

  async insert(
    tx: EntityManager,
    values: {
      agendaItemId: string;
      networkId: string;
      asOf: string;
      audience: Visibility;
      lines: DashboardLineRow[];
      plans: PlanFigures[];
    },
    by: string,
  ): Promise<StoredSnapshot> {
    const [{ id }] = (await tx.query(
      `INSERT INTO plan_dashboard_snapshot (agenda_item_id, network_id, as_of, audience, lines, plans, attached_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        values.agendaItemId,
        values.networkId,
        values.asOf,
        values.audience,
        JSON.stringify(values.lines),
        JSON.stringify(values.plans),
        by,
      ],
    )) as { id: string }[];
    const rows = (await tx.query(`${SELECT} WHERE s.id = $1`, [id])) as RawSnapshot[];
    return toRow(rows[0]);
  }

  /**
   * The snapshots on these stored agenda items, with each item's meeting (items without a snapshot
   * are left out): one statement for any number of items.
   */
  async forAgendaItems(agendaItemIds: readonly string[]): Promise<(StoredSnapshot & { meetingId: string })[]> {
    if (agendaItemIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, ai.meeting_id
         FROM plan_dashboard_snapshot s JOIN meeting_agenda_item ai ON ai.id = s.agenda_item_id
         LEFT JOIN person pe ON pe.id = s.attached_by
        WHERE s.agenda_item_id = ANY(CAST($1 AS uuid[])) ORDER BY s.attached_at, s.id`,
      [agendaItemIds],
    )) as (RawSnapshot & { meeting_id: string })[];
    return rows.map((r) => ({ ...toRow(r), meetingId: r.meeting_id }));
  }

  /** Of `planIds`, those `actor` may read now (the plans' keys, as every list): one statement. */
  async readablePlanIds(actor: Actor, planIds: readonly string[]): Promise<Set<string>> {
    if (planIds.length === 0) return new Set();
    const readable = readablePlanSql(actor);
    const rows = await namedQuery<{ id: string }>(
      this.dataSource.manager,
      `SELECT p.id FROM action_plan p WHERE p.id = ANY(CAST(:ids AS uuid[])) AND ${readable.sql}`,
      { ...readable.params, ids: planIds },
    );
    return new Set(rows.map((r) => r.id));
  }
}
