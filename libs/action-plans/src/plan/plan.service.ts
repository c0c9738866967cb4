import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isCountryCode,
  isUuid,
  mergeTranslatableText,
  memberNetworkIds,
  Page,
  pageRequest,
  requirePerson,
  throwIfAny,
  toPage,
  TransactionRunner,
  TranslationInputLike,
  Tx,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { checkDateRange, PLAN_STATUSES, PlanStatus, planTransitionError } from '../action-plans-rules';
import { isPreventionTag } from '../taxonomy';
import { PlanRow } from './plan.entity';
import { PlanRepository, PlanValues } from './plan.repository';

export interface CreatePlanCommand {
  readonly networkId: string;
  /** Omitted or null: a regional plan of the whole network. */
  readonly memberState?: string | null;
  readonly title: readonly TranslationInputLike[];
  readonly summary?: readonly TranslationInputLike[] | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly visibility?: string | null;
}

export interface UpdatePlanCommand {
  readonly planId: string;
  readonly expectedVersion: number;
  /** Per-language edits: given languages are replaced, others kept. */
  readonly title?: readonly TranslationInputLike[] | null;
  readonly summary?: readonly TranslationInputLike[] | null;
  readonly periodStart?: string | null;
  readonly periodEnd?: string | null;
  readonly status?: string | null;
  readonly visibility?: string | null;
}

/** The CONFLICT of a stale version: who changed the record and when (issue 13 item 9). */
export function staleVersion(change: { name: string; at: Date }): DomainError {
  return DomainError.conflict('action-plans:staleVersion', {
    name: change.name,
    at: change.at.toISOString().slice(0, 10),
  });
}

/**
 * Action plans (SPEC §4.4): a network's plan for one member state, or a regional one. Read by whoever
 * the plan's keys let in (its visibility; its country team and secretariat while a draft and when
 * RESTRICTED); edited by the network's secretariat and the state's focal point and alternate
 * (EDIT_ACTION_PLAN, OWN_STATE).
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, planId: unknown, tx?: Tx, lock = false): Promise<PlanRow> {
    if (!isUuid(planId)) throw DomainError.notFound();
    const found = await this.plans.findReadable(actor, planId, tx, lock);
    if (!found) throw DomainError.notFound();
    return found;
  }

  canEdit(actor: Actor, plan: Pick<PlanRow, 'networkId' | 'memberState'>): boolean {
    return can(actor, 'EDIT_ACTION_PLAN', { networkId: plan.networkId, memberState: plan.memberState });
  }

  /**
   * May `actor`, who reads the plan, comment on it (`COMMENT_ON_PLAN`, SHARED)? In the plan's network,
   * and in its partners' when the plan is shared with them (PARTNERS or PUBLIC, and no longer a
   * draft): a PUBLIC plan is read by anyone, commented on by its network and their partners only.
   */
  async canComment(actor: Actor, plan: PlanRow, tx?: Tx): Promise<boolean> {
    if (can(actor, 'COMMENT_ON_PLAN', { networkId: plan.networkId })) return true;
    const shared = plan.status !== 'DRAFT' && (plan.visibility === 'PARTNERS' || plan.visibility === 'PUBLIC');
    if (!shared || actor.memberships.length === 0) return false;
    const sharedWith = await this.plans.partnersOf(tx ?? null, plan.networkId);
    return can(actor, 'COMMENT_ON_PLAN', { networkId: plan.networkId, sharedWith });
  }

  /** The plan, locked, for a change by `actor`: NOT_FOUND when hidden, FORBIDDEN when read-only to them. */
  async forEdit(actor: Actor, planId: unknown, tx: Tx): Promise<PlanRow> {
    const plan = await this.get(actor, planId, tx, true);
    if (!this.canEdit(actor, plan)) throw DomainError.forbidden();
    if (plan.status === 'ARCHIVED') throw DomainError.conflict('action-plans:archived');
    return plan;
  }

  async list(
    actor: Actor,
    args: {
      first?: number | null;
      after?: string | null;
      networkId?: string | null;
      memberState?: string | null;
      status?: string | null;
      tag?: string | null;
    },
  ): Promise<Page<PlanRow>> {
    const request = pageRequest(args);
    const after = cursorKey(request.after, ['uuid'] as const);
    const errors: FieldError[] = [];
    if (args.networkId && !isUuid(args.networkId)) errors.push({ field: 'networkId', key: 'validation:invalidValue' });
    const memberState = args.memberState ? args.memberState.toUpperCase() : null;
    if (memberState && !isCountryCode(memberState)) {
      errors.push({
        field: 'memberState',
        key: 'directory:unknownCountry',
        params: { value: String(args.memberState) },
      });
    }
    if (args.status && !PLAN_STATUSES.includes(args.status as PlanStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    if (args.tag && !isPreventionTag(args.tag)) {
      errors.push({ field: 'tag', key: 'action-plans:unknownTag', params: { value: args.tag } });
    }
    throwIfAny(errors);
    const { rows, totalCount } = await this.plans.list(
      actor,
      { networkId: args.networkId, memberState, status: args.status as PlanStatus | null, tag: args.tag },
      { first: request.first, after },
    );
    return toPage(rows, request, (p) => [p.id], totalCount);
  }

  async create(actor: Actor, command: CreatePlanCommand): Promise<PlanRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    const memberState = command.memberState ? command.memberState.toUpperCase() : null;
    if (!can(actor, 'EDIT_ACTION_PLAN', { networkId: command.networkId, memberState })) {
      throw memberNetworkIds(actor).includes(command.networkId) ? DomainError.forbidden() : DomainError.notFound();
    }
    const errors: FieldError[] = [];
    const title = buildTranslatableText(command.title, 'title', {
      required: true,
      maxLength: 300,
      defaultStatus: 'ORIGINAL',
    });
    const summary = buildTranslatableText(command.summary, 'summary', { maxLength: 5000, defaultStatus: 'ORIGINAL' });
    errors.push(...title.errors, ...summary.errors);
    errors.push(...checkDateRange(command.periodStart, command.periodEnd, { start: 'periodStart', end: 'periodEnd' }));
    const visibility = (command.visibility ?? 'NETWORK') as Visibility;
    if (!VISIBILITIES.includes(visibility)) errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      if (!(await this.plans.networkExists(tx, command.networkId))) throw DomainError.notFound();
      if (memberState && !(await this.plans.isMemberState(tx, command.networkId, memberState))) {
        throw DomainError.badInput([
          { field: 'memberState', key: 'action-plans:notMemberState', params: { value: memberState } },
        ]);
      }
      const values: PlanValues = {
        memberState,
        title: title.value,
        summary: Object.keys(summary.value).length > 0 ? summary.value : null,
        periodStart: command.periodStart,
        periodEnd: command.periodEnd,
        status: 'DRAFT',
        visibility,
      };
      const id = await this.plans.insert(tx, command.networkId, values, me);
      await this.audit.record(tx, actor, {
        networkId: command.networkId,
        entityType: 'action_plan',
        entityId: id,
        action: 'create',
        after: values,
      });
      return this.get(actor, id, tx);
    });
  }

  async update(actor: Actor, command: UpdatePlanCommand): Promise<PlanRow> {
    const me = requirePerson(actor);
    const errors: FieldError[] = [];
    const title = buildTranslatableText(command.title, 'title', { maxLength: 300 });
    const summary = buildTranslatableText(command.summary, 'summary', { maxLength: 5000 });
    errors.push(...title.errors, ...summary.errors);
    if (command.status != null && !PLAN_STATUSES.includes(command.status as PlanStatus)) {
      errors.push({ field: 'status', key: 'validation:invalidValue' });
    }
    if (command.visibility != null && !VISIBILITIES.includes(command.visibility as Visibility)) {
      errors.push({ field: 'visibility', key: 'validation:invalidValue' });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const current = await this.get(actor, command.planId, tx, true);
      if (!this.canEdit(actor, current)) throw DomainError.forbidden();
      const status = (command.status ?? current.status) as PlanStatus;
      const refused = planTransitionError(current.status, status);
      if (refused) throw DomainError.badInput([refused]);
      if (current.status === 'ARCHIVED') throw DomainError.conflict('action-plans:archived');
      const periodStart = command.periodStart ?? current.periodStart;
      const periodEnd = command.periodEnd ?? current.periodEnd;
      throwIfAny(checkDateRange(periodStart, periodEnd, { start: 'periodStart', end: 'periodEnd' }));
      const values = {
        title: mergeTranslatableText(current.title, title.value),
        summary:
          Object.keys(summary.value).length > 0
            ? mergeTranslatableText(current.summary ?? {}, summary.value)
            : current.summary,
        periodStart,
        periodEnd,
        status,
        visibility: (command.visibility ?? current.visibility) as Visibility,
      };
      if (!(await this.plans.updateIfVersion(tx, current.id, command.expectedVersion, values, me))) {
        throw staleVersion(await this.plans.lastChange(tx, current.id));
      }
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'action_plan',
        entityId: current.id,
        action: status !== current.status ? `status:${status}` : 'update',
        before: {
          title: current.title,
          summary: current.summary,
          periodStart: current.periodStart,
          periodEnd: current.periodEnd,
          status: current.status,
          visibility: current.visibility,
        },
        after: values,
      });
      return this.get(actor, current.id, tx);
    });
  }

  /** A change below the plan (objective, action, indicator, report): recompute its readers, mark it. */
  async touched(tx: Tx, planId: string, by: string): Promise<void> {
    await this.plans.refreshKeys(tx, planId);
    await this.plans.touch(tx, planId, by);
  }
}
