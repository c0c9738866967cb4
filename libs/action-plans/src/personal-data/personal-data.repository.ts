import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/** What action plans hold about one person, for their own export. */
@Injectable()
export class ActionPlansPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    return {
      actionPlansCreated: await rows(
        `SELECT p.id AS "planId", p.title, p.member_state AS "memberState", p.created_at AS "createdAt"
         FROM action_plan p WHERE p.created_by = $1 ORDER BY p.created_at, p.id`,
      ),
      planActionsResponsibleFor: await rows(
        `SELECT a.id AS "actionId", a.plan_id AS "planId", a.title, a.responsible_organisation AS "responsibleOrganisation",
                to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status
         FROM plan_action a WHERE a.responsible_person_id = $1 ORDER BY a.due_on, a.id`,
      ),
      planProgressReports: await rows(
        `SELECT r.id AS "reportId", r.action_id AS "actionId", r.indicator_id AS "indicatorId", r.status, r.progress,
                r.value, r.narrative, r.supersedes, r.created_at AS "createdAt"
         FROM plan_progress_report r WHERE r.author_id = $1 ORDER BY r.seq`,
      ),
      planComments: await rows(
        `SELECT c.id AS "commentId", c.plan_id AS "planId", c.objective_id AS "objectiveId", c.action_id AS "actionId",
                c.body, c.created_at AS "createdAt"
         FROM plan_comment c WHERE c.author_id = $1 ORDER BY c.created_at, c.id`,
      ),
      planTemplatesPublished: await rows(
        `SELECT t.id AS "templateId", t.series_id AS "seriesId", t.version, t.title, t.published_at AS "publishedAt"
         FROM plan_template t WHERE t.published_by = $1 ORDER BY t.published_at, t.id`,
      ),
      planDashboardsAttached: await rows(
        `SELECT s.id AS "snapshotId", s.agenda_item_id AS "agendaItemId", s.network_id AS "networkId",
                to_char(s.as_of, 'YYYY-MM-DD') AS "asOf", s.attached_at AS "attachedAt"
         FROM plan_dashboard_snapshot s WHERE s.attached_by = $1 ORDER BY s.attached_at, s.id`,
      ),
    };
  }
}
