import { Injectable } from '@nestjs/common';
import type { Language, TranslatableText, Tx } from '@enlace/core';

/** One active plan's week ahead, for its country team's weekly digest. */
export interface PlanWeekRow {
  readonly planId: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly memberState: string | null;
  readonly planTitle: TranslatableText;
  /** Open actions due within the next 7 days. */
  readonly actionsDue: number;
  /** Open actions past their due date. */
  readonly actionsOverdue: number;
  /** Indicator due dates within the next 30 days without a report. */
  readonly indicatorReportsDue: number;
}

/** One member state's (or the regional plans') weighted progress across a network's active plans. */
export interface StateProgressRow {
  readonly memberState: string | null;
  readonly plans: number;
  readonly progress: number | null;
  readonly overdue: number;
}

const OPEN = `a.status NOT IN ('DONE', 'CANCELLED')`;
const NO_REPORT = `NOT EXISTS (SELECT 1 FROM plan_progress_report r WHERE r.due_id = d.id
  AND NOT EXISTS (SELECT 1 FROM plan_progress_report s WHERE s.supersedes = r.id))`;
const CURRENT = `m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)`;

/** The weekly digests' and monthly summaries' figures, each in one bounded statement. */
@Injectable()
export class PlanDigestRepository {
  /** Active plans with something due or overdue, not yet digested since `since` (the service checks again). */
  async weekly(tx: Tx, today: string, since: Date, limit: number): Promise<PlanWeekRow[]> {
    const rows = (await tx.query(
      `WITH f AS (
         SELECT p.id, p.network_id, n.default_language AS network_language, p.member_state, p.title,
                (SELECT count(*) FROM plan_action a WHERE a.plan_id = p.id AND ${OPEN}
                    AND a.due_on >= CAST($1 AS date) AND a.due_on < CAST($1 AS date) + 7) AS actions_due,
                (SELECT count(*) FROM plan_action a WHERE a.plan_id = p.id AND ${OPEN}
                    AND a.due_on < CAST($1 AS date)) AS actions_overdue,
                (SELECT count(*) FROM plan_indicator_due d JOIN plan_indicator i ON i.id = d.indicator_id
                   JOIN plan_action a ON a.id = i.action_id
                  WHERE i.plan_id = p.id AND ${OPEN} AND d.due_on >= CAST($1 AS date)
                    AND d.due_on <= CAST($1 AS date) + 30 AND ${NO_REPORT}) AS indicators_due
           FROM action_plan p JOIN network n ON n.id = p.network_id
          WHERE p.status = 'ACTIVE'
            AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.kind = 'planWeeklyDigest'
                  AND x.subject_type = 'action_plan' AND x.subject_id = p.id::text AND x.created_at >= $2))
       SELECT * FROM f WHERE actions_due + actions_overdue + indicators_due > 0 ORDER BY id LIMIT $3`,
      [today, since, limit],
    )) as {
      id: string;
      network_id: string;
      network_language: Language;
      member_state: string | null;
      title: TranslatableText;
      actions_due: string;
      actions_overdue: string;
      indicators_due: string;
    }[];
    return rows.map((r) => ({
      planId: r.id,
      networkId: r.network_id,
      networkLanguage: r.network_language,
      memberState: r.member_state ? r.member_state.trim() : null,
      planTitle: r.title,
      actionsDue: Number(r.actions_due),
      actionsOverdue: Number(r.actions_overdue),
      indicatorReportsDue: Number(r.indicators_due),
    }));
  }

  /**
   * A plan's country team: its state's current focal point and alternate (a regional plan's: the
   * network's secretariat) and the owners of its open actions.
   */
  async team(tx: Tx, plan: PlanWeekRow): Promise<{ personId: string; language: Language }[]> {
    return (await tx.query(
      `SELECT pe.id AS "personId", pe.preferred_language AS language FROM person pe
        WHERE pe.erased_at IS NULL AND (
          pe.id IN (SELECT a.responsible_person_id FROM plan_action a WHERE a.plan_id = $1 AND ${OPEN})
          OR pe.id IN (SELECT m.person_id FROM membership m WHERE m.network_id = $2 AND ${CURRENT}
            AND ((CAST($3 AS text) IS NOT NULL AND m.member_state = $3 AND m.role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT'))
              OR (CAST($3 AS text) IS NULL AND m.role = 'SECRETARIAT'))))
        ORDER BY pe.id`,
      [plan.planId, plan.networkId, plan.memberState],
    )) as { personId: string; language: Language }[];
  }

  /** Networks with active plans whose secretariat has not had this month's summary (`since`: the month's start). */
  async networksToSummarise(
    tx: Tx,
    since: Date,
    limit: number,
  ): Promise<{ networkId: string; networkLanguage: Language; networkName: TranslatableText }[]> {
    return (await tx.query(
      `SELECT n.id AS "networkId", n.default_language AS "networkLanguage", n.name AS "networkName" FROM network n
        WHERE EXISTS (SELECT 1 FROM action_plan p WHERE p.network_id = n.id AND p.status = 'ACTIVE')
          AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.kind = 'planMonthlySummary'
                AND x.subject_type = 'network' AND x.subject_id = n.id::text AND x.created_at >= $1)
        ORDER BY n.id LIMIT $2`,
      [since, limit],
    )) as { networkId: string; networkLanguage: Language; networkName: TranslatableText }[];
  }

  /** Progress per member state across the network's active plans (weighted, cancelled actions left out). */
  async progressByState(tx: Tx, networkId: string, today: string): Promise<StateProgressRow[]> {
    const rows = (await tx.query(
      `SELECT p.member_state, count(DISTINCT p.id) AS plans,
              round(CAST(sum(a.weight * CASE WHEN a.status = 'DONE' THEN 100 ELSE a.progress END)
                         FILTER (WHERE a.status <> 'CANCELLED')
                         / NULLIF(sum(a.weight) FILTER (WHERE a.status <> 'CANCELLED'), 0) AS numeric), 0) AS progress,
              count(a.id) FILTER (WHERE ${OPEN} AND a.due_on < CAST($2 AS date)) AS overdue
         FROM action_plan p LEFT JOIN plan_action a ON a.plan_id = p.id
        WHERE p.network_id = $1 AND p.status = 'ACTIVE'
        GROUP BY p.member_state ORDER BY p.member_state NULLS LAST`,
      [networkId, today],
    )) as { member_state: string | null; plans: string; progress: string | null; overdue: string }[];
    return rows.map((r) => ({
      memberState: r.member_state ? r.member_state.trim() : null,
      plans: Number(r.plans),
      progress: r.progress === null ? null : Number(r.progress),
      overdue: Number(r.overdue),
    }));
  }

  /** The network's current secretariat. */
  async secretariat(tx: Tx, networkId: string): Promise<{ personId: string; language: Language }[]> {
    return (await tx.query(
      `SELECT DISTINCT pe.id AS "personId", pe.preferred_language AS language
         FROM membership m JOIN person pe ON pe.id = m.person_id
        WHERE m.network_id = $1 AND m.role = 'SECRETARIAT' AND ${CURRENT} AND pe.erased_at IS NULL
        ORDER BY pe.id`,
      [networkId],
    )) as { personId: string; language: Language }[];
  }
}
