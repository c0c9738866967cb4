import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, audienceKeys, namedQuery, TranslatableText } from '@enlace/core';
import { readablePlanSql } from '../plan/plan.visibility';
import {
  RawRecommendation,
  RawSource,
  RecommendationRow,
  SourceRow,
  toRecommendation,
  toSource,
} from './source.entity';

const RECOMMENDATION_COLUMNS = `r.id, r.network_id, r.source, to_char(r.issued_on, 'YYYY-MM-DD') AS issued_on, r.text`;
const SOURCE_COLUMNS = `s.id, s.action_id, s.kind, s.follow_up_id, f.status AS follow_up_status, s.closes_follow_up,
  s.protocol, s.article,
  CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'network_id', r.network_id, 'source', r.source,
       'issued_on', to_char(r.issued_on, 'YYYY-MM-DD'), 'text', r.text) END AS recommendation`;
const SOURCE_FROM = `plan_action_source s LEFT JOIN meeting_follow_up f ON f.id = s.follow_up_id
  LEFT JOIN plan_recommendation r ON r.id = s.recommendation_id`;

/** A network's recommendations are read by its members, its partners' and administrators (like a PARTNERS record). */
function readableRecommendationSql(actor: Actor): { sql: string; params: Record<string, unknown> } {
  return {
    sql: `(visibility_keys(r.network_id, 'PARTNERS') && CAST(:recKeys AS text[]))`,
    params: { recKeys: audienceKeys(actor) },
  };
}

@Injectable()
export class SourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRecommendation(actor: Actor, id: string, tx?: EntityManager | null): Promise<RecommendationRow | null> {
    const readable = readableRecommendationSql(actor);
    const rows = await namedQuery<RawRecommendation>(
      tx ?? this.dataSource.manager,
      `SELECT ${RECOMMENDATION_COLUMNS} FROM plan_recommendation r WHERE r.id = CAST(:id AS uuid) AND ${readable.sql}`,
      { ...readable.params, id },
    );
    return rows[0] ? toRecommendation(rows[0]) : null;
  }

  async insertRecommendation(
    tx: EntityManager,
    networkId: string,
    values: { source: string; issuedOn: string; text: TranslatableText },
    by: string,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_recommendation (network_id, source, issued_on, text, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [networkId, values.source, values.issuedOn, JSON.stringify(values.text), by],
    )) as { id: string }[];
    return row.id;
  }

  /** A follow-up's facts, read from the meetings' table (a read across contexts; writes go through the port). */
  async followUp(
    tx: EntityManager,
    id: string,
  ): Promise<{ id: string; meetingId: string; networkId: string; status: string; version: number } | null> {
    const rows = (await tx.query(
      `SELECT f.id, f.meeting_id AS "meetingId", m.network_id AS "networkId", f.status, f.version
         FROM meeting_follow_up f JOIN meeting m ON m.id = f.meeting_id WHERE f.id = $1`,
      [id],
    )) as { id: string; meetingId: string; networkId: string; status: string; version: number }[];
    return rows[0] ?? null;
  }

  async sourcesOf(actionIds: readonly string[], tx?: EntityManager | null): Promise<SourceRow[]> {
    if (actionIds.length === 0) return [];
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${SOURCE_COLUMNS} FROM ${SOURCE_FROM} WHERE s.action_id = ANY(CAST($1 AS uuid[])) ORDER BY s.created_at, s.id`,
      [actionIds],
    )) as RawSource[];
    return rows.map(toSource);
  }

  /** Inserts a citation; false when the action already cites it. */
  async insertSource(
    tx: EntityManager,
    actionId: string,
    values: {
      kind: string;
      followUpId: string | null;
      recommendationId: string | null;
      protocol: string | null;
      article: string | null;
      closesFollowUp: boolean;
    },
    by: string,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH added AS (INSERT INTO plan_action_source (action_id, kind, follow_up_id, recommendation_id, protocol, article,
                                                      closes_follow_up, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id) SELECT id FROM added`,
      [
        actionId,
        values.kind,
        values.followUpId,
        values.recommendationId,
        values.protocol,
        values.article,
        values.closesFollowUp,
        by,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The follow-ups an action closes when it is done, with their versions. */
  async followUpsToClose(tx: EntityManager | null, actionId: string): Promise<{ id: string; version: number }[]> {
    return (await (tx ?? this.dataSource.manager).query(
      `SELECT f.id, f.version FROM plan_action_source s JOIN meeting_follow_up f ON f.id = s.follow_up_id
        WHERE s.action_id = $1 AND s.closes_follow_up AND f.status = 'OPEN'`,
      [actionId],
    )) as { id: string; version: number }[];
  }

  /**
   * The actions the caller may read that answer a follow-up, any follow-up of a decision, or a
   * recommendation ("which actions answer this decision?"): ids, at most 100, by plan and position.
   */
  async actionsAnswering(
    actor: Actor,
    target: { followUpId?: string | null; decisionId?: string | null; recommendationId?: string | null },
  ): Promise<string[]> {
    const readable = readablePlanSql(actor);
    const clauses: string[] = [];
    const params: Record<string, unknown> = { ...readable.params };
    if (target.followUpId) {
      clauses.push(`s.follow_up_id = CAST(:followUpId AS uuid)`);
      params.followUpId = target.followUpId;
    }
    if (target.decisionId) {
      clauses.push(
        `s.follow_up_id IN (SELECT f.id FROM meeting_follow_up f WHERE f.decision_id = CAST(:decisionId AS uuid))`,
      );
      params.decisionId = target.decisionId;
    }
    if (target.recommendationId) {
      clauses.push(`s.recommendation_id = CAST(:recommendationId AS uuid)`);
      params.recommendationId = target.recommendationId;
    }
    if (clauses.length === 0) return [];
    const rows = await namedQuery<{ id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT a.id, a.plan_id, a.position FROM plan_action_source s JOIN plan_action a ON a.id = s.action_id
         JOIN action_plan p ON p.id = a.plan_id
        WHERE (${clauses.join(' OR ')}) AND ${readable.sql} ORDER BY a.plan_id, a.position, a.id LIMIT 100`,
      params,
    );
    return rows.map((r) => r.id);
  }
}
