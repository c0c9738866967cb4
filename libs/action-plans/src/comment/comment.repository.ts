import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

  /**
   * The comments of each of these plans, oldest first, at most `limit` per plan (its latest ones when
   * there are more): one statement for a page of plans.
   */
  async ofPlans(planIds: readonly string[], limit: number): Promise<CommentRow[]> {
    if (planIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT * FROM (SELECT ${COLUMNS},
                             row_number() OVER (PARTITION BY c.plan_id ORDER BY c.created_at DESC, c.id DESC) AS nth
                        FROM plan_comment c LEFT JOIN person au ON au.id = c.author_id
                       WHERE c.plan_id = ANY(CAST($1 AS uuid[]))) x
        WHERE x.nth <= $2
        ORDER BY x.plan_id, x.created_at, x.id`,
      [planIds, limit],
    )) as RawComment[];
    return rows.map(toComment);
  }

  /** How many comments each of these plans has (plans without any are left out): one statement. */
  async countsOf(planIds: readonly string[]): Promise<Map<string, number>> {
    if (planIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT plan_id, count(*) AS n FROM plan_comment WHERE plan_id = ANY(CAST($1 AS uuid[])) GROUP BY plan_id`,
      [planIds],
    )) as { plan_id: string; n: string }[];
    return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
  }
}
