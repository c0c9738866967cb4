import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  DomainError,
  FieldError,
  isUuid,
  mergeTranslatableText,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import {
  ACTION_STATUSES,
  ActionStatus,
  checkDateRange,
  dueDates,
  INDICATOR_DIRECTIONS,
  INDICATOR_VALUE_TYPES,
  IndicatorDirection,
  IndicatorValueType,
  indicatorValueError,
  MAX_ACTIONS_PER_OBJECTIVE,
  MAX_INDICATORS_PER_ACTION,
  MAX_OBJECTIVES,
  progressError,
  scheduleErrors,
  weightError,
} from '../action-plans-rules';
import { PlanNoticeService } from '../plan/plan-notice.service';
import { PlanRow } from '../plan/plan.entity';
import { PlanService, staleVersion } from '../plan/plan.service';
import { FollowUpCloser } from '../source/follow-up-closer';
import { isPreventionTag } from '../taxonomy';
import { ActionRow, IndicatorRow, ObjectiveRow } from './structure.entity';
import { ActionValues, IndicatorValues, ObjectiveValues, StructureRepository } from './structure.repository';

export interface ObjectiveCommand {
  readonly title?: readonly TranslationInputLike[] | null;
  readonly description?: readonly TranslationInputLike[] | null;
  readonly tags?: readonly string[] | null;
}

export interface ActionCommand {
  readonly title?: readonly TranslationInputLike[] | null;
  readonly responsibleOrganisation?: string | null;
  readonly responsiblePersonId?: string | null;
  readonly startsOn?: string | null;
  readonly dueOn?: string | null;
  readonly status?: string | null;
  readonly progress?: number | null;
  readonly weight?: number | null;
  readonly tags?: readonly string[] | null;
}

export interface IndicatorCommand {
  readonly title?: readonly TranslationInputLike[] | null;
  readonly unit?: string | null;
  readonly valueType?: string | null;
  readonly baseline?: number | null;
  readonly target?: number | null;
  readonly direction?: string | null;
  readonly schedule?: { start: string; end: string; everyMonths: number } | null;
}

function tagErrors(tags: readonly string[] | null | undefined): FieldError[] {
  return (tags ?? []).flatMap((tag, i) =>
    isPreventionTag(tag)
      ? []
      : [{ field: `tags.${i}`, key: 'action-plans:unknownTag', params: { value: String(tag) } }],
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Objectives → actions → indicators of a plan. Every change loads the plan through its visibility
 * (a hidden plan's parts answer NOT_FOUND like missing ones), needs EDIT_ACTION_PLAN on it, writes
 * at the version the editor read (CONFLICT naming who changed it first) and is audited.
 */
@Injectable()
export class StructureService {
  constructor(
    private readonly structure: StructureRepository,
    private readonly plans: PlanService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly closer: FollowUpCloser,
    private readonly notices: PlanNoticeService,
  ) {}

  tree(plan: PlanRow, tx?: Tx): Promise<ObjectiveRow[]> {
    return this.structure.tree(plan.id, tx);
  }

  /** An action the actor may read (through its plan), with the plan. */
  async action(actor: Actor, actionId: unknown, tx?: Tx, lock = false): Promise<{ plan: PlanRow; action: ActionRow }> {
    if (!isUuid(actionId)) throw DomainError.notFound();
    const action = await this.structure.findAction(tx ?? null, actionId);
    if (!action) throw DomainError.notFound();
    const plan = await this.plans.get(actor, action.planId, tx, lock);
    return { plan, action };
  }

  /** An indicator the actor may read (through its plan), with the plan. */
  async indicator(
    actor: Actor,
    indicatorId: unknown,
    tx?: Tx,
    lock = false,
  ): Promise<{ plan: PlanRow; indicator: IndicatorRow }> {
    if (!isUuid(indicatorId)) throw DomainError.notFound();
    const indicator = await this.structure.findIndicator(tx ?? null, indicatorId);
    if (!indicator) throw DomainError.notFound();
    const plan = await this.plans.get(actor, indicator.planId, tx, lock);
    return { plan, indicator };
  }

  async addObjective(actor: Actor, command: ObjectiveCommand & { planId: string }): Promise<ObjectiveRow> {
    const me = requirePerson(actor);
    const values = this.objectiveValues(command, null);
    return this.transactions.run(async (tx) => {
      const plan = await this.plans.forEdit(actor, command.planId, tx);
      if ((await this.structure.count(tx, 'plan_objective', 'plan_id', plan.id)) >= MAX_OBJECTIVES) {
        throw DomainError.badInput([{ field: 'planId', key: 'action-plans:tooMany', params: { max: MAX_OBJECTIVES } }]);
      }
      const id = await this.structure.insertObjective(tx, plan.id, values, me);
      await this.plans.touched(tx, plan.id, me);
      await this.record(tx, actor, plan, 'plan_objective', id, 'create', null, values);
      return (await this.structure.findObjective(tx, id)) as ObjectiveRow;
    });
  }

  async updateObjective(
    actor: Actor,
    command: ObjectiveCommand & { objectiveId: string; expectedVersion: number },
  ): Promise<ObjectiveRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      if (!isUuid(command.objectiveId)) throw DomainError.notFound();
      const current = await this.structure.findObjective(tx, command.objectiveId);
      if (!current) throw DomainError.notFound();
      const plan = await this.plans.forEdit(actor, current.planId, tx);
      const values = this.objectiveValues(command, current);
      if (!(await this.structure.updateObjectiveIfVersion(tx, current.id, command.expectedVersion, values, me))) {
        throw staleVersion(await this.structure.lastChange(tx, 'plan_objective', current.id));
      }
      await this.plans.touched(tx, plan.id, me);
      await this.record(tx, actor, plan, 'plan_objective', current.id, 'update', current, values);
      return (await this.structure.findObjective(tx, current.id)) as ObjectiveRow;
    });
  }

  async addAction(actor: Actor, command: ActionCommand & { objectiveId: string }): Promise<ActionRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      if (!isUuid(command.objectiveId)) throw DomainError.notFound();
      const objective = await this.structure.findObjective(tx, command.objectiveId);
      if (!objective) throw DomainError.notFound();
      const plan = await this.plans.forEdit(actor, objective.planId, tx);
      const values = this.actionValues(command, null);
      await this.checkOwner(tx, plan, values.responsiblePersonId);
      if ((await this.structure.count(tx, 'plan_action', 'objective_id', objective.id)) >= MAX_ACTIONS_PER_OBJECTIVE) {
        throw DomainError.badInput([
          { field: 'objectiveId', key: 'action-plans:tooMany', params: { max: MAX_ACTIONS_PER_OBJECTIVE } },
        ]);
      }
      const id = await this.structure.insertAction(tx, plan.id, objective.id, values, me);
      await this.plans.touched(tx, plan.id, me);
      await this.record(tx, actor, plan, 'plan_action', id, 'create', null, values);
      await this.notices.ownerChanged(tx, actor, plan, { id, ...values }, null, values.responsiblePersonId);
      return (await this.structure.findAction(tx, id)) as ActionRow;
    });
  }

  async updateAction(
    actor: Actor,
    command: ActionCommand & { actionId: string; expectedVersion: number },
  ): Promise<ActionRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { plan, action: current } = await this.action(actor, command.actionId, tx);
      if (!this.plans.canEdit(actor, plan)) throw DomainError.forbidden();
      await this.plans.forEdit(actor, plan.id, tx);
      const values = this.actionValues(command, current);
      // Checked when it changes: an edit of an action whose owner's term has ended since is not refused.
      if (values.responsiblePersonId !== current.responsiblePersonId) {
        await this.checkOwner(tx, plan, values.responsiblePersonId);
      }
      if (!(await this.structure.updateActionIfVersion(tx, current.id, command.expectedVersion, values, me))) {
        throw staleVersion(await this.structure.lastChange(tx, 'plan_action', current.id));
      }
      await this.plans.touched(tx, plan.id, me);
      const { indicators: _, ...before } = current;
      await this.record(tx, actor, plan, 'plan_action', current.id, 'update', before, values);
      if (values.status === 'DONE' && current.status !== 'DONE') await this.closer.closeFor(actor, current.id, tx);
      await this.notices.ownerChanged(
        tx,
        actor,
        plan,
        { id: current.id, ...values },
        current.responsiblePersonId,
        values.responsiblePersonId,
      );
      return (await this.structure.findAction(tx, current.id)) as ActionRow;
    });
  }

  async addIndicator(actor: Actor, command: IndicatorCommand & { actionId: string }): Promise<IndicatorRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { plan, action } = await this.action(actor, command.actionId, tx);
      if (!this.plans.canEdit(actor, plan)) throw DomainError.forbidden();
      await this.plans.forEdit(actor, plan.id, tx);
      const values = this.indicatorValues(command, null);
      if (action.indicators.length >= MAX_INDICATORS_PER_ACTION) {
        throw DomainError.badInput([
          { field: 'actionId', key: 'action-plans:tooMany', params: { max: MAX_INDICATORS_PER_ACTION } },
        ]);
      }
      const id = await this.structure.insertIndicator(tx, plan.id, action.id, values, me);
      await this.structure.insertDueDates(
        tx,
        id,
        dueDates({ start: values.scheduleStart, end: values.scheduleEnd, everyMonths: values.everyMonths }),
      );
      await this.plans.touched(tx, plan.id, me);
      await this.record(tx, actor, plan, 'plan_indicator', id, 'create', null, values);
      return (await this.structure.findIndicator(tx, id)) as IndicatorRow;
    });
  }

  /**
   * Edits an indicator. A changed schedule regenerates its future due dates that carry no report;
   * past ones and reported ones stay as they were.
   */
  async updateIndicator(
    actor: Actor,
    command: IndicatorCommand & { indicatorId: string; expectedVersion: number },
  ): Promise<IndicatorRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      const { plan, indicator: current } = await this.indicator(actor, command.indicatorId, tx);
      if (!this.plans.canEdit(actor, plan)) throw DomainError.forbidden();
      await this.plans.forEdit(actor, plan.id, tx);
      const values = this.indicatorValues(command, current);
      if (!(await this.structure.updateIndicatorIfVersion(tx, current.id, command.expectedVersion, values, me))) {
        throw staleVersion(await this.structure.lastChange(tx, 'plan_indicator', current.id));
      }
      const s = current.schedule;
      let regenerated: { removed: number; added: number } | null = null;
      if (s.start !== values.scheduleStart || s.end !== values.scheduleEnd || s.everyMonths !== values.everyMonths) {
        regenerated = await this.structure.regenerateDueDates(
          tx,
          current.id,
          dueDates({ start: values.scheduleStart, end: values.scheduleEnd, everyMonths: values.everyMonths }),
          today(),
        );
      }
      await this.plans.touched(tx, plan.id, me);
      const { dueDates: _, ...before } = current;
      await this.record(tx, actor, plan, 'plan_indicator', current.id, 'update', before, { ...values, regenerated });
      return (await this.structure.findIndicator(tx, current.id)) as IndicatorRow;
    });
  }

  private objectiveValues(command: ObjectiveCommand, current: ObjectiveRow | null): ObjectiveValues {
    const title = buildTranslatableText(command.title, 'title', {
      required: current === null,
      maxLength: 500,
      defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
    });
    const description = buildTranslatableText(command.description, 'description', { maxLength: 5000 });
    throwIfAny([...title.errors, ...description.errors, ...tagErrors(command.tags)]);
    return {
      title: current ? mergeTranslatableText(current.title, title.value) : title.value,
      description:
        Object.keys(description.value).length > 0
          ? mergeTranslatableText(current?.description ?? {}, description.value)
          : (current?.description ?? null),
      tags: [...new Set(command.tags ?? current?.tags ?? [])],
    };
  }

  private actionValues(command: ActionCommand, current: ActionRow | null): ActionValues {
    const errors: FieldError[] = [];
    const title = buildTranslatableText(command.title, 'title', {
      required: current === null,
      maxLength: 500,
      defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
    });
    errors.push(...title.errors, ...tagErrors(command.tags));
    const startsOn = command.startsOn ?? current?.startsOn;
    const dueOn = command.dueOn ?? current?.dueOn;
    errors.push(...checkDateRange(startsOn, dueOn, { start: 'startsOn', end: 'dueOn' }, 'action-plans:dueBeforeStart'));
    const status = (command.status ?? current?.status ?? 'NOT_STARTED') as ActionStatus;
    if (!ACTION_STATUSES.includes(status)) errors.push({ field: 'status', key: 'validation:invalidValue' });
    const progress = command.progress ?? current?.progress ?? 0;
    const weight = command.weight ?? current?.weight ?? 1;
    const bad = [progressError(progress), weightError(weight)].filter((e): e is FieldError => e !== null);
    errors.push(...bad);
    const named =
      command.responsiblePersonId === undefined ? (current?.responsiblePersonId ?? null) : command.responsiblePersonId;
    // Ids are compared as stored (lower case): the same person given in upper case is no change of owner.
    const personId = typeof named === 'string' ? named.toLowerCase() : null;
    const organisation =
      command.responsibleOrganisation === undefined
        ? (current?.responsibleOrganisation ?? null)
        : command.responsibleOrganisation?.trim() || null;
    if (organisation !== null && organisation.length > 300) {
      errors.push({ field: 'responsibleOrganisation', key: 'validation:tooLong', params: { max: 300 } });
    }
    throwIfAny(errors);
    return {
      title: current ? mergeTranslatableText(current.title, title.value) : title.value,
      responsibleOrganisation: organisation,
      responsiblePersonId: personId,
      startsOn: startsOn as string,
      dueOn: dueOn as string,
      status,
      progress: status === 'DONE' ? 100 : progress,
      weight,
      tags: [...new Set(command.tags ?? current?.tags ?? [])],
    };
  }

  private indicatorValues(command: IndicatorCommand, current: IndicatorRow | null): IndicatorValues {
    const errors: FieldError[] = [];
    const title = buildTranslatableText(command.title, 'title', {
      required: current === null,
      maxLength: 500,
      defaultStatus: current ? 'TRANSLATED' : 'ORIGINAL',
    });
    errors.push(...title.errors);
    const unit = (command.unit ?? current?.unit ?? '').trim();
    if (unit === '') errors.push({ field: 'unit', key: 'validation:required' });
    if (unit.length > 100) errors.push({ field: 'unit', key: 'validation:tooLong', params: { max: 100 } });
    const valueType = (command.valueType ?? current?.valueType ?? 'NUMBER') as IndicatorValueType;
    if (!INDICATOR_VALUE_TYPES.includes(valueType)) errors.push({ field: 'valueType', key: 'validation:invalidValue' });
    const direction = (command.direction ?? current?.direction ?? 'UP') as IndicatorDirection;
    if (!INDICATOR_DIRECTIONS.includes(direction)) errors.push({ field: 'direction', key: 'validation:invalidValue' });
    const baseline = command.baseline ?? current?.baseline;
    const target = command.target ?? current?.target;
    for (const [field, v] of [
      ['baseline', baseline],
      ['target', target],
    ] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ field, key: 'validation:required' });
      // The rule reportIndicatorValue applies: a baseline or target the indicator's values could never
      // take is refused, and so is a change of type that the kept baseline or target no longer fits.
      else if (INDICATOR_VALUE_TYPES.includes(valueType)) {
        const misfit = indicatorValueError(valueType, v, field);
        if (misfit) errors.push(misfit);
      }
    }
    if (
      typeof baseline === 'number' &&
      typeof target === 'number' &&
      (direction === 'UP' ? target <= baseline : target >= baseline)
    ) {
      errors.push({ field: 'target', key: `action-plans:targetDirection.${direction}` });
    }
    const schedule = command.schedule ?? current?.schedule ?? null;
    if (!schedule) errors.push({ field: 'schedule', key: 'validation:required' });
    else errors.push(...scheduleErrors(schedule));
    throwIfAny(errors);
    const s = schedule as { start: string; end: string; everyMonths: number };
    return {
      title: current ? mergeTranslatableText(current.title, title.value) : title.value,
      unit,
      valueType,
      baseline: baseline as number,
      target: target as number,
      direction,
      scheduleStart: s.start,
      scheduleEnd: s.end,
      everyMonths: s.everyMonths,
    };
  }

  /**
   * A named action owner is a current member of the plan's network: anyone else (another network's
   * person, a term that ended, an id of nobody) answers NOT_FOUND, exactly like a missing person.
   */
  private async checkOwner(tx: Tx, plan: PlanRow, personId: string | null): Promise<void> {
    if (personId === null) return;
    if (!isUuid(personId) || (await this.structure.membersOf(tx, plan.networkId, [personId])).length === 0) {
      throw DomainError.notFound();
    }
  }

  private record(
    tx: Tx,
    actor: Actor,
    plan: PlanRow,
    entityType: string,
    entityId: string,
    action: string,
    before: object | null,
    after: object,
  ): Promise<void> {
    return this.audit.record(tx, actor, { networkId: plan.networkId, entityType, entityId, action, before, after });
  }
}
