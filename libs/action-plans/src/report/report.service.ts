import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  DomainError,
  FieldError,
  isIsoDate,
  isUuid,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslatableText,
  TranslationInputLike,
  Tx,
} from '@enlace/core';
import { ACTION_STATUSES, ActionStatus, indicatorValueError, progressError } from '../action-plans-rules';
import { PlanRow } from '../plan/plan.entity';
import { PlanService } from '../plan/plan.service';
import { ActionRow, IndicatorRow } from '../structure/structure.entity';
import { StructureRepository } from '../structure/structure.repository';
import { StructureService } from '../structure/structure.service';
import { FollowUpCloser } from '../source/follow-up-closer';
import { ReportRow } from './report.entity';
import { ReportRepository } from './report.repository';

export interface ReportProgressCommand {
  readonly actionId: string;
  readonly status?: string | null;
  readonly progress?: number | null;
  readonly narrative?: readonly TranslationInputLike[] | null;
}

export interface ReportIndicatorValueCommand {
  readonly indicatorId: string;
  readonly dueOn: string;
  readonly value: number;
  readonly narrative?: readonly TranslationInputLike[] | null;
}

export interface CorrectReportCommand {
  readonly reportId: string;
  readonly status?: string | null;
  readonly progress?: number | null;
  readonly value?: number | null;
  readonly narrative?: readonly TranslationInputLike[] | null;
}

/**
 * The append-only progress log (issue 13 item 3): a report on an action (status, progress, narrative)
 * or on one due date of an indicator (value, narrative). A report is never edited: a correction is a
 * new entry that supersedes it, both are kept, and the action's state and the indicator's current
 * value follow the entries that are not superseded. Reported by the network's secretariat, the
 * state's focal point and alternate, and the action's named owner (REPORT_PROGRESS).
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly structure: StructureRepository,
    private readonly structureService: StructureService,
    private readonly plans: PlanService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly closer: FollowUpCloser,
  ) {}

  canReport(actor: Actor, plan: PlanRow, action: Pick<ActionRow, 'responsiblePersonId'>): boolean {
    return can(actor, 'REPORT_PROGRESS', {
      networkId: plan.networkId,
      memberState: plan.memberState,
      assigned: actor.personId !== null && action.responsiblePersonId === actor.personId,
    });
  }

  async forAction(actor: Actor, actionId: string): Promise<ReportRow[]> {
    const { action } = await this.structureService.action(actor, actionId);
    return this.reports.forAction(action.id);
  }

  reportsOf(action: ActionRow, tx?: Tx): Promise<ReportRow[]> {
    return this.reports.forAction(action.id, tx);
  }

  async reportProgress(actor: Actor, command: ReportProgressCommand): Promise<ReportRow> {
    const me = requirePerson(actor);
    const input = this.actionInput(command);
    return this.transactions.run(async (tx) => {
      const { plan, action } = await this.forReport(actor, command.actionId, tx);
      const id = await this.reports.insert(
        tx,
        {
          planId: plan.id,
          actionId: action.id,
          indicatorId: null,
          dueId: null,
          value: null,
          supersedes: null,
          ...input,
        },
        me,
      );
      if ((await this.settleAction(tx, action, me)) === 'DONE') await this.closer.closeFor(actor, action.id, tx);
      await this.done(tx, actor, plan, id, 'report', input);
      return (await this.reports.find(tx, id)) as ReportRow;
    });
  }

  async reportIndicatorValue(actor: Actor, command: ReportIndicatorValueCommand): Promise<ReportRow> {
    const me = requirePerson(actor);
    const narrative = this.narrative(command.narrative);
    if (!isIsoDate(command.dueOn)) throw DomainError.badInput([{ field: 'dueOn', key: 'action-plans:invalidDate' }]);
    return this.transactions.run(async (tx) => {
      const { plan, indicator } = await this.structureService.indicator(actor, command.indicatorId, tx);
      const { action } = await this.forReport(actor, indicator.actionId, tx);
      throwIfAny([indicatorValueError(indicator.valueType, command.value)].filter((e): e is FieldError => e !== null));
      const due = await this.reports.dueOf(tx, indicator.id, command.dueOn);
      if (!due) {
        throw DomainError.badInput([
          { field: 'dueOn', key: 'action-plans:notADueDate', params: { value: command.dueOn } },
        ]);
      }
      if (await this.reports.dueAnswered(tx, due.id)) throw DomainError.conflict('action-plans:alreadyReported');
      const values = { value: command.value, narrative, status: null, progress: null };
      const id = await this.reports.insert(
        tx,
        { planId: plan.id, actionId: action.id, indicatorId: indicator.id, dueId: due.id, supersedes: null, ...values },
        me,
      );
      await this.settleIndicator(tx, indicator);
      await this.done(tx, actor, plan, id, 'report', { ...values, dueOn: command.dueOn, indicatorId: indicator.id });
      return (await this.reports.find(tx, id)) as ReportRow;
    });
  }

  /** A new entry that supersedes `reportId` (which stays in the log); a report is corrected once, by its latest correction. */
  async correct(actor: Actor, command: CorrectReportCommand): Promise<ReportRow> {
    const me = requirePerson(actor);
    return this.transactions.run(async (tx) => {
      if (!isUuid(command.reportId)) throw DomainError.notFound();
      const original = await this.reports.find(tx, command.reportId, true);
      if (!original) throw DomainError.notFound();
      const { plan, action } = await this.forReport(actor, original.actionId, tx);
      if (original.supersededBy !== null) throw DomainError.conflict('action-plans:alreadyCorrected');
      let id: string;
      if (original.indicatorId !== null) {
        const indicator = (await this.structure.findIndicator(tx, original.indicatorId)) as IndicatorRow;
        const value = command.value ?? original.value;
        throwIfAny([indicatorValueError(indicator.valueType, value)].filter((e): e is FieldError => e !== null));
        const narrative = command.narrative ? this.narrative(command.narrative) : original.narrative;
        id = await this.reports.insert(
          tx,
          {
            planId: plan.id,
            actionId: action.id,
            indicatorId: indicator.id,
            dueId: original.dueId,
            status: null,
            progress: null,
            value: value as number,
            narrative,
            supersedes: original.id,
          },
          me,
        );
        await this.settleIndicator(tx, indicator);
      } else {
        const input = this.actionInput({
          actionId: action.id,
          status: command.status ?? original.status,
          progress: command.progress ?? original.progress,
          narrative: command.narrative,
        });
        id = await this.reports.insert(
          tx,
          {
            planId: plan.id,
            actionId: action.id,
            indicatorId: null,
            dueId: null,
            value: null,
            supersedes: original.id,
            ...input,
            narrative: command.narrative ? input.narrative : original.narrative,
          },
          me,
        );
        if ((await this.settleAction(tx, action, me)) === 'DONE') await this.closer.closeFor(actor, action.id, tx);
      }
      await this.done(tx, actor, plan, id, 'correct', { supersedes: original.id });
      return (await this.reports.find(tx, id)) as ReportRow;
    });
  }

  private async forReport(actor: Actor, actionId: string, tx: Tx): Promise<{ plan: PlanRow; action: ActionRow }> {
    const found = await this.structureService.action(actor, actionId, tx);
    if (!this.canReport(actor, found.plan, found.action)) throw DomainError.forbidden();
    const plan = await this.plans.get(actor, found.plan.id, tx, true);
    if (plan.status === 'ARCHIVED') throw DomainError.conflict('action-plans:archived');
    return { plan, action: found.action };
  }

  private narrative(inputs: readonly TranslationInputLike[] | null | undefined): TranslatableText | null {
    const text = buildTranslatableText(inputs, 'narrative', { maxLength: 5000, defaultStatus: 'ORIGINAL' });
    throwIfAny(text.errors);
    return Object.keys(text.value).length > 0 ? text.value : null;
  }

  private actionInput(command: ReportProgressCommand): {
    status: ActionStatus | null;
    progress: number | null;
    narrative: TranslatableText | null;
  } {
    const errors: FieldError[] = [];
    const status = (command.status ?? null) as ActionStatus | null;
    if (status !== null && !ACTION_STATUSES.includes(status)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    const progress = command.progress ?? (status === 'DONE' ? 100 : null);
    if (progress !== null) {
      const bad = progressError(progress);
      if (bad) errors.push(bad);
    }
    if (status === null && progress === null && !command.narrative?.length) {
      errors.push({ field: 'progress', key: 'action-plans:emptyReport' });
    }
    throwIfAny(errors);
    return { status, progress, narrative: this.narrative(command.narrative) };
  }

  /** The action takes the state its effective reports say (a correction of the latest one moves it back). */
  /** Returns the status the action moved to, or null when it kept its own. */
  private async settleAction(tx: Tx, action: ActionRow, by: string): Promise<ActionStatus | null> {
    const state = await this.reports.effectiveActionState(tx, action.id);
    const status = state.status ?? action.status;
    const progress = status === 'DONE' ? 100 : (state.progress ?? action.progress);
    if (status !== action.status || progress !== action.progress) {
      await this.structure.setActionState(tx, action.id, { status, progress }, by);
    }
    return status !== action.status ? status : null;
  }

  private async settleIndicator(tx: Tx, indicator: IndicatorRow): Promise<void> {
    await this.structure.setIndicatorValue(
      tx,
      indicator.id,
      await this.reports.effectiveIndicatorValue(tx, indicator.id),
    );
  }

  private async done(tx: Tx, actor: Actor, plan: PlanRow, id: string, action: string, after: object): Promise<void> {
    await this.plans.touched(tx, plan.id, actor.personId as string);
    await this.audit.record(tx, actor, {
      networkId: plan.networkId,
      entityType: 'plan_progress_report',
      entityId: id,
      action,
      after,
    });
  }
}
