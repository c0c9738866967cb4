import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, namedQuery, TranslatableText } from '@enlace/core';
import { readableMeetingSql } from '../meeting/meeting.visibility';
import {
  DecisionRow,
  FollowUpRow,
  FollowUpStatus,
  RawDecision,
  RawFollowUp,
  toDecision,
  toFollowUp,
} from './decision.entity';

/** A follow-up with what its label needs (`f`, its decision `d`, its meeting `src`, the assignee `ap`). */
const followUpColumns = (
  keys: string,
) => `f.id, f.decision_id, f.meeting_id, src.network_id, d.number AS decision_number, d.series_number,
  src.starts_at, src.time_zone, f.text, f.assignee_person_id, ap.name AS assignee_name,
  ap.erased_at IS NOT NULL AS assignee_erased, f.assignee_country,
  (CAST(${keys} AS text[]) IS NULL OR ap.vis_keys && CAST(${keys} AS text[])) AS assignee_visible, to_char(f.due_on, 'YYYY-MM-DD') AS due_on,
  f.status, f.version`;

const FOLLOW_UP_FROM = `meeting_follow_up f JOIN meeting_decision d ON d.id = f.decision_id
  JOIN meeting src ON src.id = f.meeting_id LEFT JOIN person ap ON ap.id = f.assignee_person_id`;

export interface FollowUpValues {
  readonly text: TranslatableText;
  readonly assigneePersonId: string | null;
  readonly assigneeCountry: string | null;
  readonly dueOn: string | null;
}

@Injectable()
export class DecisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager | null): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The decisions of these meetings, by meeting then number: one statement for a page. */
  async decisions(tx: EntityManager | null, meetingIds: readonly string[]): Promise<DecisionRow[]> {
    const rows = (await this.manager(tx).query(
      `SELECT d.id, d.meeting_id, n.default_language AS network_language, d.number, d.series_number, d.text, d.version,
              mt.starts_at, mt.time_zone
         FROM meeting_decision d JOIN meeting mt ON mt.id = d.meeting_id JOIN network n ON n.id = mt.network_id
        WHERE d.meeting_id = ANY(CAST($1 AS uuid[])) ORDER BY d.meeting_id, d.number`,
      [meetingIds],
    )) as RawDecision[];
    return rows.map(toDecision);
  }

  /** The follow-ups of these decisions, oldest first. */
  async followUpsOf(tx: EntityManager | null, decisionIds: readonly string[], reader: Actor): Promise<FollowUpRow[]> {
    const rows = (await this.manager(tx).query(
      `SELECT ${followUpColumns('$2')} FROM ${FOLLOW_UP_FROM}
        WHERE f.decision_id = ANY(CAST($1 AS uuid[])) ORDER BY f.decision_id, f.created_at, f.id`,
      [decisionIds, audienceKeys(reader)],
    )) as RawFollowUp[];
    return rows.map(toFollowUp);
  }

  /**
   * For each of these meetings, the OPEN follow-ups of the earlier HELD or CLOSED meetings of the
   * same body (network and kind) that `actor` may read: what its "Review of follow-ups" lists.
   */
  async openFollowUpsBefore(
    tx: EntityManager | null,
    actor: Actor,
    meetingIds: readonly string[],
  ): Promise<(FollowUpRow & { forMeeting: string })[]> {
    const readable = readableMeetingSql(actor, 'src');
    const rows = await namedQuery<RawFollowUp & { for_meeting: string }>(
      this.manager(tx),
      `SELECT t.id AS for_meeting, ${followUpColumns(':keys')}
         FROM meeting t
         JOIN meeting src ON src.network_id = t.network_id AND src.kind = t.kind
                         AND (src.starts_at, src.id) < (t.starts_at, t.id) AND src.status IN ('HELD', 'CLOSED')
         JOIN meeting_follow_up f ON f.meeting_id = src.id AND f.status = 'OPEN'
         JOIN meeting_decision d ON d.id = f.decision_id
         LEFT JOIN person ap ON ap.id = f.assignee_person_id
        WHERE t.id = ANY(CAST(:ids AS uuid[])) AND ${readable.sql}
        ORDER BY t.id, src.starts_at, d.number, f.created_at, f.id`,
      { ...readable.params, ids: meetingIds, keys: audienceKeys(actor) },
    );
    return rows.map((r) => ({ ...toFollowUp(r), forMeeting: r.for_meeting }));
  }

  async decisionMeeting(decisionId: string, tx?: EntityManager): Promise<string | null> {
    const rows = (await this.manager(tx).query(`SELECT meeting_id FROM meeting_decision WHERE id = $1`, [
      decisionId,
    ])) as {
      meeting_id: string;
    }[];
    return rows[0]?.meeting_id ?? null;
  }

  async followUpMeeting(followUpId: string, tx?: EntityManager): Promise<string | null> {
    const rows = (await this.manager(tx).query(`SELECT meeting_id FROM meeting_follow_up WHERE id = $1`, [
      followUpId,
    ])) as {
      meeting_id: string;
    }[];
    return rows[0]?.meeting_id ?? null;
  }

  async findDecision(tx: EntityManager, decisionId: string): Promise<DecisionRow | null> {
    const rows = (await tx.query(
      `SELECT d.id, d.meeting_id, n.default_language AS network_language, d.number, d.series_number, d.text, d.version,
              mt.starts_at, mt.time_zone
         FROM meeting_decision d JOIN meeting mt ON mt.id = d.meeting_id JOIN network n ON n.id = mt.network_id
        WHERE d.id = $1`,
      [decisionId],
    )) as RawDecision[];
    return rows[0] ? toDecision(rows[0]) : null;
  }

  async findFollowUp(tx: EntityManager, followUpId: string): Promise<FollowUpRow | null> {
    const rows = (await tx.query(`SELECT ${followUpColumns('$2')} FROM ${FOLLOW_UP_FROM} WHERE f.id = $1`, [
      followUpId,
      null,
    ])) as RawFollowUp[];
    return rows[0] ? toFollowUp(rows[0]) : null;
  }

  /**
   * The meeting's place in its body's series (network and kind), for its decision numbers: the number
   * its decisions already carry; else its place among the HELD or CLOSED meetings of the body that
   * began before it or with it, unless another meeting of the body already holds that number (a
   * meeting recorded late), in which case the next number after the highest the body holds. Numbers
   * once given never change. The body is locked for the rest of the transaction (an advisory lock on
   * network and kind), so two meetings numbered at once cannot take the same number (README, "Decisions and follow-ups").
   */
  async seriesNumber(tx: EntityManager, meetingId: string): Promise<number> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('meeting_series'), hashtext(t.network_id::text || '/' || t.kind))
         FROM meeting t WHERE t.id = $1`,
      [meetingId],
    );
    const rows = (await tx.query(
      `WITH t AS (SELECT id, network_id, kind, starts_at FROM meeting WHERE id = $1),
            taken AS (SELECT DISTINCT d.series_number FROM meeting_decision d JOIN meeting o ON o.id = d.meeting_id
                        JOIN t ON o.network_id = t.network_id AND o.kind = t.kind AND o.id <> t.id),
            place AS (SELECT GREATEST(1, count(*)) AS n FROM meeting o JOIN t ON o.network_id = t.network_id
                        AND o.kind = t.kind AND o.status IN ('HELD', 'CLOSED') AND (o.starts_at, o.id) <= (t.starts_at, t.id))
       SELECT COALESCE(
         (SELECT max(series_number) FROM meeting_decision WHERE meeting_id = $1),
         CASE WHEN (SELECT n FROM place) IN (SELECT series_number FROM taken)
              THEN (SELECT max(series_number) + 1 FROM taken) ELSE (SELECT n FROM place) END) AS series`,
      [meetingId],
    )) as { series: string | number }[];
    return Math.max(1, Number(rows[0]?.series ?? 1));
  }

  /** Records the next decision of a meeting (the meeting row is locked by the caller). */
  async insertDecision(
    tx: EntityManager,
    meetingId: string,
    series: number,
    text: TranslatableText,
    createdBy: string | null,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO meeting_decision (meeting_id, number, series_number, text, created_by)
       SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4 FROM meeting_decision WHERE meeting_id = $1
       RETURNING id`,
      [meetingId, series, JSON.stringify(text), createdBy],
    )) as { id: string }[];
    return row.id;
  }

  async updateDecision(tx: EntityManager, id: string, version: number, text: TranslatableText): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting_decision SET text = $3, version = version + 1, updated_at = now()
                         WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM changed`,
      [id, version, JSON.stringify(text)],
    )) as unknown[];
    return rows.length > 0;
  }

  async insertFollowUp(
    tx: EntityManager,
    decisionId: string,
    meetingId: string,
    values: FollowUpValues,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO meeting_follow_up (decision_id, meeting_id, text, assignee_person_id, assignee_country, due_on)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        decisionId,
        meetingId,
        JSON.stringify(values.text),
        values.assigneePersonId,
        values.assigneeCountry,
        values.dueOn,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async updateFollowUp(
    tx: EntityManager,
    id: string,
    version: number,
    values: FollowUpValues & { status: FollowUpStatus },
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting_follow_up SET text = $3, assignee_person_id = $4, assignee_country = $5,
                               due_on = $6, status = $7, version = version + 1, updated_at = now()
                         WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM changed`,
      [
        id,
        version,
        JSON.stringify(values.text),
        values.assigneePersonId,
        values.assigneeCountry,
        values.dueOn,
        values.status,
      ],
    )) as unknown[];
    return rows.length > 0;
  }
}
