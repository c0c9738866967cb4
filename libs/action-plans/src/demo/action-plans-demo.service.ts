import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditRepository, Language, TranslatableText, TransactionRunner, Tx } from '@enlace/core';
import type { ActionStatus } from '../action-plans-rules';
import { dueDates } from '../action-plans-rules';
import { PlanRepository } from '../plan/plan.repository';
import { ReportRepository } from '../report/report.repository';
import { StructureRepository } from '../structure/structure.repository';
import { TemplateRepository } from '../template/template.repository';
import { snapshot, TemplateService } from '../template/template.service';
import type { ActionPlansDemoData, DemoPlanTemplate } from './action-plans-demo';

export interface ActionPlansDemoSummary {
  readonly templates: number;
  readonly copies: number;
  readonly reports: number;
  readonly unchanged: number;
}

function texts(given: Partial<Record<Language, string>> | undefined, original: Language): TranslatableText | null {
  if (!given) return null;
  return Object.fromEntries(
    Object.entries(given).map(([lang, text]) => [
      lang,
      { text, status: lang === original ? 'ORIGINAL' : 'TRANSLATED' },
    ]),
  ) as TranslatableText;
}

const stateOf = (progress: number): ActionStatus =>
  progress >= 100 ? 'DONE' : progress > 0 ? 'IN_PROGRESS' : 'NOT_STARTED';

/**
 * Recreates demo/action-plans.json: each network's model plan (a regional draft), published as
 * template version 1, and each member state's copy, active, with two periods of progress and indicator
 * values reported by the state's focal point (its current holder). Idempotent: a template of the same
 * network and title is left as it is. Runs after the directory seed (member states and focal points).
 */
@Injectable()
export class ActionPlansDemoSeedService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: PlanRepository,
    private readonly structure: StructureRepository,
    private readonly templates: TemplateRepository,
    private readonly templateService: TemplateService,
    private readonly reports: ReportRepository,
    private readonly audit: AuditRepository,
  ) {}

  async seed(data: ActionPlansDemoData): Promise<ActionPlansDemoSummary> {
    let templates = 0;
    let copies = 0;
    let reports = 0;
    let unchanged = 0;
    for (const demo of data.templates) {
      await this.transactions.run(async (tx) => {
        const [network] = (await tx.query(`SELECT id FROM network WHERE slug = $1`, [demo.network])) as {
          id: string;
        }[];
        if (!network) throw new Error(`demo action plan of unknown network ${demo.network}`);
        const title = demo.title[demo.original] ?? '';
        const existing = (await tx.query(
          `SELECT 1 FROM plan_template WHERE network_id = $1 AND title -> $2 ->> 'text' = $3`,
          [network.id, demo.original, title],
        )) as unknown[];
        if (existing.length > 0) {
          unchanged += 1;
          return;
        }
        const templateId = await this.publishModel(tx, network.id, demo);
        templates += 1;
        const template = (await this.templates.findReadable(
          {
            personId: null,
            accountId: null,
            sessionId: null,
            isAdmin: true,
            memberships: [],
            partnerNetworkIds: [],
            lang: 'en',
          },
          templateId,
          tx,
        ))!;
        for (const copy of demo.copies) {
          if (!(await this.plans.isMemberState(tx, network.id, copy.memberState))) {
            throw new Error(`demo action plan of ${copy.memberState}, not a member state of ${demo.network}`);
          }
          const focal = await this.focalPoint(tx, network.id, copy.memberState);
          const planId = await this.templateService.copyInto(
            tx,
            template,
            {
              memberState: copy.memberState,
              periodStart: copy.periodStart,
              periodEnd: copy.periodEnd,
              visibility: copy.visibility,
            },
            focal,
          );
          await tx.query(`UPDATE action_plan SET status = 'ACTIVE', version = version + 1 WHERE id = $1`, [planId]);
          await this.plans.refreshKeys(tx, planId);
          copies += 1;
          const actions = (await this.structure.tree(planId, tx)).flatMap((o) => o.actions);
          const indicators = actions.flatMap((a) => a.indicators);
          for (const [k, period] of copy.periods.entries()) {
            for (const [n, action] of actions.entries()) {
              const progress = period.progress[n];
              if (progress === undefined) continue;
              const status = stateOf(progress);
              await this.reports.insert(
                tx,
                {
                  planId,
                  actionId: action.id,
                  indicatorId: null,
                  dueId: null,
                  status,
                  progress,
                  value: null,
                  narrative: null,
                  supersedes: null,
                },
                focal as string,
              );
              await tx.query(`UPDATE plan_action SET status = $2, progress = $3, version = version + 1 WHERE id = $1`, [
                action.id,
                status,
                progress,
              ]);
              reports += 1;
            }
            for (const [n, indicator] of indicators.entries()) {
              const value = period.values[n];
              const due = indicator.dueDates[k];
              if (value === undefined || !due) continue;
              await this.reports.insert(
                tx,
                {
                  planId,
                  actionId: indicator.actionId,
                  indicatorId: indicator.id,
                  dueId: due.id,
                  status: null,
                  progress: null,
                  value,
                  narrative: null,
                  supersedes: null,
                },
                focal as string,
              );
              await this.structure.setIndicatorValue(tx, indicator.id, value);
              reports += 1;
            }
          }
          await this.audit.record(tx, SYSTEM_SEED, {
            networkId: network.id,
            entityType: 'action_plan',
            entityId: planId,
            action: 'copy-template',
            after: { memberState: copy.memberState, templateId, templateVersion: 1 },
          });
        }
      });
    }
    return { templates, copies, reports, unchanged };
  }

  /** The model plan as a regional draft, and its version 1. */
  private async publishModel(tx: Tx, networkId: string, demo: DemoPlanTemplate): Promise<string> {
    const title = texts(demo.title, demo.original) as TranslatableText;
    const summary = texts(demo.summary, demo.original);
    const planId = await this.plans.insert(
      tx,
      networkId,
      {
        memberState: null,
        title,
        summary,
        periodStart: demo.periodStart,
        periodEnd: demo.periodEnd,
        status: 'DRAFT',
        visibility: demo.visibility,
      },
      null as unknown as string,
    );
    for (const o of demo.objectives) {
      const objectiveId = await this.structure.insertObjective(
        tx,
        planId,
        { title: texts(o.title, demo.original) as TranslatableText, description: null, tags: o.tags },
        null as unknown as string,
      );
      for (const a of o.actions) {
        const actionId = await this.structure.insertAction(
          tx,
          planId,
          objectiveId,
          {
            title: texts(a.title, demo.original) as TranslatableText,
            responsibleOrganisation: a.responsibleOrganisation ?? null,
            responsiblePersonId: null,
            startsOn: a.startsOn,
            dueOn: a.dueOn,
            status: 'NOT_STARTED',
            progress: 0,
            weight: a.weight,
            tags: a.tags,
          },
          null as unknown as string,
        );
        for (const i of a.indicators ?? []) {
          const schedule = { start: a.startsOn, end: demo.periodEnd, everyMonths: i.everyMonths };
          const indicatorId = await this.structure.insertIndicator(
            tx,
            planId,
            actionId,
            {
              title: texts(i.title, demo.original) as TranslatableText,
              unit: i.unit,
              valueType: i.valueType,
              baseline: i.baseline,
              target: i.target,
              direction: 'UP',
              scheduleStart: schedule.start,
              scheduleEnd: schedule.end,
              everyMonths: schedule.everyMonths,
            },
            null as unknown as string,
          );
          await this.structure.insertDueDates(tx, indicatorId, dueDates(schedule));
        }
      }
    }
    const plan = { periodStart: demo.periodStart };
    const templateId = await this.templates.insert(
      tx,
      {
        networkId,
        seriesId: randomUUID(),
        version: 1,
        title,
        summary,
        visibility: demo.visibility === 'RESTRICTED' ? 'NETWORK' : demo.visibility,
        content: snapshot(plan, await this.structure.tree(planId, tx)),
        sourcePlanId: planId,
      },
      null as unknown as string,
    );
    await this.audit.record(tx, SYSTEM_SEED, {
      networkId,
      entityType: 'plan_template',
      entityId: templateId,
      action: 'publish',
      after: { version: 1, sourcePlanId: planId },
    });
    return templateId;
  }

  /** The state's current focal point (the author of its reports), or null. */
  private async focalPoint(tx: Tx, networkId: string, memberState: string): Promise<string | null> {
    const rows = (await tx.query(
      `SELECT person_id FROM membership WHERE network_id = $1 AND member_state = $2 AND role = 'FOCAL_POINT'
          AND starts_on <= current_date AND (ends_on IS NULL OR ends_on > current_date) ORDER BY starts_on LIMIT 1`,
      [networkId, memberState],
    )) as { person_id: string }[];
    return rows[0]?.person_id ?? null;
  }
}

const SYSTEM_SEED = {
  personId: null,
  accountId: null,
  sessionId: null,
  isAdmin: true,
  memberships: [],
  partnerNetworkIds: [],
  lang: 'en' as const,
  requestId: 'seed:demo',
};
