import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  DomainError,
  FieldError,
  isCountryCode,
  isUuid,
  memberNetworkIds,
  mergeTranslatableText,
  RequestLoaders,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslationInputLike,
  Tx,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { checkDateRange, dueDates } from '../action-plans-rules';
import { PlanNoticeService } from '../plan/plan-notice.service';
import { PlanRow } from '../plan/plan.entity';
import { PlanRepository } from '../plan/plan.repository';
import { PlanService } from '../plan/plan.service';
import { ObjectiveRow } from '../structure/structure.entity';
import { StructureRepository } from '../structure/structure.repository';
import { TemplateContent, TemplateRow } from './template.entity';
import { TemplateRepository } from './template.repository';

/** A template is read by its network's members, and its partners' when PARTNERS (never RESTRICTED). */
export const TEMPLATE_VISIBILITIES: readonly Visibility[] = VISIBILITIES.filter((v) => v !== 'RESTRICTED');

export interface PublishTemplateCommand {
  /** The plan whose objectives → actions → indicators the version freezes. */
  readonly planId?: string | null;
  /** A version of the series to publish again (n+1); without a plan, its content is kept. */
  readonly templateId?: string | null;
  readonly title?: readonly TranslationInputLike[] | null;
  readonly summary?: readonly TranslationInputLike[] | null;
  readonly visibility?: string | null;
}

export interface CopyTemplateCommand {
  readonly templateVersionId: string;
  readonly memberState: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly visibility?: string | null;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);
const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10);

/** The plan's structure frozen, dates as offsets from the plan's start; people are left out (a template names none). */
export function snapshot(plan: Pick<PlanRow, 'periodStart'>, tree: readonly ObjectiveRow[]): TemplateContent {
  return {
    objectives: tree.map((o) => ({
      title: o.title,
      description: o.description,
      tags: o.tags,
      actions: o.actions.map((a) => ({
        title: a.title,
        responsibleOrganisation: a.responsibleOrganisation,
        weight: a.weight,
        tags: a.tags,
        startOffset: days(plan.periodStart, a.startsOn),
        dueOffset: days(plan.periodStart, a.dueOn),
        indicators: a.indicators.map((i) => ({
          title: i.title,
          unit: i.unit,
          valueType: i.valueType,
          baseline: i.baseline,
          target: i.target,
          direction: i.direction,
          startOffset: days(plan.periodStart, i.schedule.start),
          endOffset: days(plan.periodStart, i.schedule.end),
          everyMonths: i.schedule.everyMonths,
        })),
      })),
    })),
  };
}

/**
 * Plan templates (issue 13 item 7): the network's secretariat publishes a version of a plan's
 * structure (from a plan it may read, usually a regional draft written as the template); publishing
 * again makes version n+1 and leaves earlier ones as they were. A member state's focal point (or the
 * secretariat) copies a version into a new draft plan of that state, linked to the version; a copy is
 * a plan of its own, which later versions never touch.
 */
@Injectable()
export class TemplateService {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly plans: PlanService,
    private readonly planRows: PlanRepository,
    private readonly structure: StructureRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    // Absent only in the demo seed run outside Nest, which copies through `copyInto` and tells nobody.
    @Optional() @Inject(PlanNoticeService) private readonly notices: PlanNoticeService | null = null,
  ) {}

  async get(actor: Actor, id: unknown, tx?: Tx): Promise<TemplateRow> {
    if (!isUuid(id)) throw DomainError.notFound();
    const found = await this.templates.findReadable(actor, id, tx);
    if (!found) throw DomainError.notFound();
    return found;
  }

  async list(
    actor: Actor,
    args: { networkId?: string | null; seriesId?: string | null; allVersions?: boolean | null },
  ): Promise<TemplateRow[]> {
    const errors: FieldError[] = [];
    if (args.networkId && !isUuid(args.networkId)) errors.push({ field: 'networkId', key: 'validation:invalidValue' });
    if (args.seriesId && !isUuid(args.seriesId)) errors.push({ field: 'seriesId', key: 'validation:invalidValue' });
    throwIfAny(errors);
    return this.templates.list(
      actor,
      { networkId: args.networkId, seriesId: args.seriesId, allVersions: args.allVersions ?? false },
      100,
    );
  }

  /**
   * The version a plan (read already) was copied from, when the reader may read it (null otherwise):
   * batched per request, one statement for a page of plans.
   */
  templateOf(actor: Actor, loaders: RequestLoaders, plan: PlanRow): Promise<TemplateRow | null> {
    return loaders
      .get(
        'actionPlans.template',
        () =>
          new DataLoader<string, TemplateRow | null>(async (ids) => {
            const found = await this.templates.readableOfPlans(actor, ids);
            return ids.map((id) => found.get(id) ?? null);
          }),
      )
      .load(plan.id);
  }

  async publish(actor: Actor, command: PublishTemplateCommand): Promise<TemplateRow> {
    const me = requirePerson(actor);
    const errors: FieldError[] = [];
    if (!command.planId && !command.templateId) errors.push({ field: 'planId', key: 'action-plans:templateSource' });
    const title = buildTranslatableText(command.title, 'title', { maxLength: 300, defaultStatus: 'ORIGINAL' });
    const summary = buildTranslatableText(command.summary, 'summary', { maxLength: 5000, defaultStatus: 'ORIGINAL' });
    errors.push(...title.errors, ...summary.errors);
    if (command.visibility != null && !TEMPLATE_VISIBILITIES.includes(command.visibility as Visibility)) {
      errors.push({ field: 'visibility', key: 'action-plans:templateVisibility' });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const base = command.templateId ? await this.get(actor, command.templateId, tx) : null;
      const plan = command.planId ? await this.plans.get(actor, command.planId, tx) : null;
      const networkId = (base?.networkId ?? plan?.networkId) as string;
      if (base && plan && base.networkId !== plan.networkId) throw DomainError.notFound();
      if (!can(actor, 'MANAGE_NETWORK', { networkId })) throw DomainError.forbidden();
      const content = plan ? snapshot(plan, await this.structure.tree(plan.id, tx)) : (base as TemplateRow).content;
      if (content.objectives.length === 0) {
        throw DomainError.badInput([{ field: 'planId', key: 'action-plans:templateEmpty' }]);
      }
      const seriesId = base?.seriesId ?? randomUUID();
      const version = base ? await this.templates.nextVersion(tx, seriesId) : 1;
      const baseSummary = base ? base.summary : (plan?.summary ?? null);
      const values = {
        networkId,
        seriesId,
        version,
        title: mergeTranslatableText(base?.title ?? (plan as PlanRow).title, title.value),
        summary:
          Object.keys(summary.value).length > 0 ? mergeTranslatableText(baseSummary ?? {}, summary.value) : baseSummary,
        visibility: (command.visibility ?? base?.visibility ?? 'NETWORK') as Visibility,
        content,
        sourcePlanId: plan?.id ?? base?.sourcePlanId ?? null,
      };
      const id = await this.templates.insert(tx, values, me);
      await this.audit.record(tx, actor, {
        networkId,
        entityType: 'plan_template',
        entityId: id,
        action: 'publish',
        after: {
          seriesId,
          version,
          title: values.title,
          visibility: values.visibility,
          sourcePlanId: values.sourcePlanId,
        },
      });
      return this.get(actor, id, tx);
    });
  }

  async copy(actor: Actor, command: CopyTemplateCommand): Promise<PlanRow> {
    const me = requirePerson(actor);
    const memberState = typeof command.memberState === 'string' ? command.memberState.toUpperCase() : '';
    const errors: FieldError[] = [];
    if (!isCountryCode(memberState)) {
      errors.push({
        field: 'memberState',
        key: 'directory:unknownCountry',
        params: { value: String(command.memberState) },
      });
    }
    errors.push(...checkDateRange(command.periodStart, command.periodEnd, { start: 'periodStart', end: 'periodEnd' }));
    if (command.visibility != null && !VISIBILITIES.includes(command.visibility as Visibility)) {
      errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const template = await this.get(actor, command.templateVersionId, tx);
      if (!can(actor, 'EDIT_ACTION_PLAN', { networkId: template.networkId, memberState })) {
        throw memberNetworkIds(actor).includes(template.networkId) || template.visibility !== 'NETWORK'
          ? DomainError.forbidden()
          : DomainError.notFound();
      }
      if (!(await this.planRows.isMemberState(tx, template.networkId, memberState))) {
        throw DomainError.badInput([
          { field: 'memberState', key: 'action-plans:notMemberState', params: { value: memberState } },
        ]);
      }
      const visibility = (command.visibility ?? template.visibility) as Visibility;
      const { periodStart, periodEnd } = command;
      const planId = await this.copyInto(tx, template, { memberState, periodStart, periodEnd, visibility }, me);
      await this.audit.record(tx, actor, {
        networkId: template.networkId,
        entityType: 'action_plan',
        entityId: planId,
        action: 'copy-template',
        after: {
          memberState,
          periodStart,
          periodEnd,
          visibility,
          templateId: template.id,
          templateVersion: template.version,
        },
      });
      const plan = await this.plans.get(actor, planId, tx);
      await this.notices?.copiedForState(tx, actor, plan);
      return plan;
    });
  }

  /**
   * Writes a member state's new draft plan from a template version, linked to it (the caller checked
   * who may): the dates move to the new period, cut to it; actions start NOT_STARTED without an owner.
   */
  async copyInto(
    tx: Tx,
    template: TemplateRow,
    values: { memberState: string; periodStart: string; periodEnd: string; visibility: Visibility },
    by: string | null,
  ): Promise<string> {
    const me = by as string;
    const { periodStart, periodEnd } = values;
    const at = (offset: number) => {
      const date = addDays(periodStart, offset);
      return date < periodStart ? periodStart : date > periodEnd ? periodEnd : date;
    };
    const planValues = {
      memberState: values.memberState,
      title: template.title,
      summary: template.summary,
      periodStart,
      periodEnd,
      status: 'DRAFT' as const,
      visibility: values.visibility,
    };
    const planId = await this.planRows.insert(tx, template.networkId, planValues, me);
    await this.templates.linkPlan(tx, planId, template.id);
    for (const o of template.content.objectives) {
      const objectiveId = await this.structure.insertObjective(
        tx,
        planId,
        { title: o.title, description: o.description, tags: o.tags },
        me,
      );
      for (const a of o.actions) {
        const actionId = await this.structure.insertAction(
          tx,
          planId,
          objectiveId,
          {
            title: a.title,
            responsibleOrganisation: a.responsibleOrganisation,
            responsiblePersonId: null,
            startsOn: at(a.startOffset),
            dueOn: at(a.dueOffset),
            status: 'NOT_STARTED',
            progress: 0,
            weight: a.weight,
            tags: a.tags,
          },
          me,
        );
        for (const i of a.indicators) {
          const schedule = { start: at(i.startOffset), end: at(i.endOffset), everyMonths: i.everyMonths };
          const indicatorId = await this.structure.insertIndicator(
            tx,
            planId,
            actionId,
            {
              title: i.title,
              unit: i.unit,
              valueType: i.valueType,
              baseline: i.baseline,
              target: i.target,
              direction: i.direction,
              scheduleStart: schedule.start,
              scheduleEnd: schedule.end,
              everyMonths: schedule.everyMonths,
            },
            me,
          );
          await this.structure.insertDueDates(tx, indicatorId, dueDates(schedule));
        }
      }
    }
    await this.planRows.refreshKeys(tx, planId);
    return planId;
  }
}
