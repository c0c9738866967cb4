import { Injectable } from '@nestjs/common';
import type { Language, TranslatableText, Tx } from '@enlace/core';

export type PlanReminderKind = 'planActionOverdue' | 'planIndicatorDue' | 'planIndicatorOverdue';

/** Something a plan's team should hear of today: an overdue action, or an indicator report due soon or late. */
export interface PlanReminderOccasion {
  readonly kind: PlanReminderKind;
  /** The notification's subject: the action, or the indicator's due date. */
  readonly subject: { readonly type: 'plan_action' | 'plan_indicator_due'; readonly id: string };
  /** Notified once about this subject since this moment (an action's due date: a new due date is a new occasion). */
  readonly since: Date;
  readonly planId: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly memberState: string | null;
  readonly planTitle: TranslatableText;
  readonly actionTitle: TranslatableText;
  readonly indicatorTitle: TranslatableText | null;
  readonly ownerId: string | null;
  readonly dueOn: string;
}

interface RawOccasion {
  kind: PlanReminderKind;
  subject_type: 'plan_action' | 'plan_indicator_due';
  subject_id: string;
  since: string;
  plan_id: string;
  network_id: string;
  network_language: Language;
  member_state: string | null;
  plan_title: TranslatableText;
  action_title: TranslatableText;
  indicator_title: TranslatableText | null;
  owner_id: string | null;
  due_on: string;
}

/** Not notified yet (a read of the notifications' table; the service checks again in the transaction that notifies). */
const NOT_NOTIFIED = (kindSql: string, type: string, idSql: string, sinceSql: string) =>
  `NOT EXISTS (SELECT 1 FROM notification x WHERE x.kind = ${kindSql} AND x.subject_type = '${type}'
     AND x.subject_id = ${idSql}::text AND x.created_at >= ${sinceSql})`;

const INDICATOR_KIND = `CASE WHEN d.due_on < CAST($1 AS date) THEN 'planIndicatorOverdue' ELSE 'planIndicatorDue' END`;

const NO_REPORT = `NOT EXISTS (SELECT 1 FROM plan_progress_report r WHERE r.due_id = d.id
  AND NOT EXISTS (SELECT 1 FROM plan_progress_report s WHERE s.supersedes = r.id))`;

/** The occasions of one day, read in bounded statements (at most `limit` of each kind per run). */
@Injectable()
export class PlanReminderRepository {
  async due(tx: Tx, today: string, limit: number): Promise<PlanReminderOccasion[]> {
    const common = `p.id AS plan_id, p.network_id, n.default_language AS network_language, p.member_state,
      p.title AS plan_title, a.title AS action_title, a.responsible_person_id AS owner_id`;
    const rows = (await tx.query(
      `(SELECT 'planActionOverdue' AS kind, 'plan_action' AS subject_type, a.id::text AS subject_id,
               to_char(a.due_on, 'YYYY-MM-DD') AS since, ${common}, NULL::jsonb AS indicator_title,
               to_char(a.due_on, 'YYYY-MM-DD') AS due_on
          FROM plan_action a JOIN action_plan p ON p.id = a.plan_id JOIN network n ON n.id = p.network_id
         WHERE p.status = 'ACTIVE' AND a.due_on < CAST($1 AS date) AND a.status NOT IN ('DONE', 'CANCELLED')
           AND ${NOT_NOTIFIED("'planActionOverdue'", 'plan_action', 'a.id', 'a.due_on')}
         ORDER BY a.due_on, a.id LIMIT $2)
       UNION ALL
       (SELECT ${INDICATOR_KIND},
               'plan_indicator_due', d.id::text, '1970-01-01', ${common}, i.title, to_char(d.due_on, 'YYYY-MM-DD')
          FROM plan_indicator_due d JOIN plan_indicator i ON i.id = d.indicator_id JOIN plan_action a ON a.id = i.action_id
          JOIN action_plan p ON p.id = a.plan_id JOIN network n ON n.id = p.network_id
         WHERE p.status = 'ACTIVE' AND a.status NOT IN ('DONE', 'CANCELLED')
           AND d.due_on <= CAST($1 AS date) + 30 AND d.due_on >= CAST($1 AS date) - 30 AND ${NO_REPORT}
           AND ${NOT_NOTIFIED(INDICATOR_KIND, 'plan_indicator_due', 'd.id', "'1970-01-01'")}
         ORDER BY d.due_on, d.id LIMIT $2)`,
      [today, limit],
    )) as RawOccasion[];
    return rows.map((r) => ({
      kind: r.kind,
      subject: { type: r.subject_type, id: r.subject_id },
      since: new Date(`${r.since}T00:00:00Z`),
      planId: r.plan_id,
      networkId: r.network_id,
      networkLanguage: r.network_language,
      memberState: r.member_state ? r.member_state.trim() : null,
      planTitle: r.plan_title,
      actionTitle: r.action_title,
      indicatorTitle: r.indicator_title,
      ownerId: r.owner_id,
      dueOn: r.due_on,
    }));
  }

  /** The action's owner and the plan's country team (its state's current focal point and alternate; a regional plan's secretariat). */
  async recipients(tx: Tx, occasion: PlanReminderOccasion): Promise<{ personId: string; language: Language }[]> {
    return (await tx.query(
      `SELECT pe.id AS "personId", pe.preferred_language AS language FROM person pe
        WHERE pe.erased_at IS NULL AND (pe.id = $1 OR pe.id IN (
          SELECT m.person_id FROM membership m
           WHERE m.network_id = $2 AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
             AND ((CAST($3 AS text) IS NOT NULL AND m.member_state = $3 AND m.role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT'))
               OR (CAST($3 AS text) IS NULL AND m.role = 'SECRETARIAT'))))
        ORDER BY pe.id`,
      [occasion.ownerId, occasion.networkId, occasion.memberState],
    )) as { personId: string; language: Language }[];
  }
}
