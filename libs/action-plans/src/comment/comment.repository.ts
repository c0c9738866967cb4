import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Language } from '@enlace/core';
import { CommentRow, RawComment, toComment } from './comment.entity';

const COLUMNS = `c.id, c.plan_id, c.objective_id, c.action_id, c.author_id, au.name AS author_name, c.body, c.mentions,
  c.created_at`;

/** Comments on plans: read only through a plan the caller may read (the service checks it first). */
@Injectable()
export class CommentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    tx: EntityManager,
    values: { planId: string; objectiveId: string | null; actionId: string | null; body: string; mentions: string[] },
    by: string,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO plan_comment (plan_id, objective_id, action_id, author_id, body, mentions)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS uuid[])) RETURNING id`,
      [values.planId, values.objectiveId, values.actionId, by, values.body, values.mentions],
    )) as { id: string }[];
    return row.id;
  }

  async find(tx: EntityManager | null, id: string): Promise<CommentRow | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM plan_comment c LEFT JOIN person au ON au.id = c.author_id WHERE c.id = $1`,
      [id],
    )) as RawComment[];
    return rows[0] ? toComment(rows[0]) : null;
  }

  /** The plan's comments, oldest first, at most `limit` (the latest ones when there are more). */
  async ofPlan(planId: string, limit: number): Promise<CommentRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM plan_comment c LEFT JOIN person au ON au.id = c.author_id
                       WHERE c.plan_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2) x
        ORDER BY x.created_at, x.id`,
      [planId, limit],
    )) as RawComment[];
    return rows.map(toComment);
  }

  async countOf(planId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*) AS n FROM plan_comment WHERE plan_id = $1`, [
      planId,
    ])) as { n: string }[];
    return Number(row.n);
  }

  /**
   * The signed-in shape of each of `personIds` who has an account and is not erased (their current
   * terms and their networks' partners), with their language: to ask whether each may read a plan.
   */
  async readersOf(tx: EntityManager, personIds: readonly string[]): Promise<Actor[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT a.id AS account_id, a.person_id, a.is_admin, pe.preferred_language AS lang,
              (SELECT json_agg(json_build_object('networkId', m.network_id, 'role', m.role, 'memberState', m.member_state))
                 FROM membership m
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS memberships,
              (SELECT array_agg(DISTINCT np.partner_id)
                 FROM membership m JOIN network_partner np ON np.network_id = m.network_id
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS partner_network_ids
         FROM account a JOIN person pe ON pe.id = a.person_id
        WHERE a.person_id = ANY(CAST($1 AS uuid[])) AND pe.erased_at IS NULL
        ORDER BY a.person_id`,
      [personIds],
    )) as {
      account_id: string;
      person_id: string;
      is_admin: boolean;
      lang: Language;
      memberships:
        { networkId: string; role: Actor['memberships'][number]['role']; memberState: string | null }[] | null;
      partner_network_ids: string[] | null;
    }[];
    return rows.map((r) => ({
      personId: r.person_id,
      accountId: r.account_id,
      sessionId: null,
      isAdmin: r.is_admin,
      memberships: (r.memberships ?? []).map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
      partnerNetworkIds: r.partner_network_ids ?? [],
      lang: r.lang,
    }));
  }
}
