import { Inject, Injectable, Optional } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  buildTranslatableText,
  can,
  DomainError,
  FieldError,
  isIsoDate,
  isUuid,
  memberNetworkIds,
  RequestLoaders,
  requirePerson,
  throwIfAny,
  TransactionRunner,
  TranslationInputLike,
} from '@enlace/core';
import { PlanService } from '../plan/plan.service';
import { ActionRow } from '../structure/structure.entity';
import { StructureRepository } from '../structure/structure.repository';
import { StructureService } from '../structure/structure.service';
import { MEETINGS_PORT, MeetingsPort } from './meetings.port';
import { RecommendationRow, SourceRow } from './source.entity';
import { SourceRepository } from './source.repository';

export interface CiteSourceCommand {
  readonly actionId: string;
  readonly followUpId?: string | null;
  /** With a follow-up: completing the action closes it. */
  readonly closesFollowUp?: boolean | null;
  readonly recommendationId?: string | null;
  readonly protocol?: string | null;
  readonly article?: string | null;
}

/**
 * What actions answer (issue 13 item 4): a meeting follow-up (read through the meetings port, same
 * network as the plan), a recommendation of the plan's network, or a protocol article. Cited by those
 * who edit the plan; read both ways ("which actions answer this decision?") within visibility.
 */
@Injectable()
export class SourceService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly structureRows: StructureRepository,
    private readonly structure: StructureService,
    private readonly plans: PlanService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    @Optional() @Inject(MEETINGS_PORT) private readonly meetings: MeetingsPort | null,
  ) {}

  async createRecommendation(
    actor: Actor,
    command: { networkId: string; source: string; issuedOn: string; text: readonly TranslationInputLike[] },
  ): Promise<RecommendationRow> {
    const me = requirePerson(actor);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    if (!can(actor, 'EDIT_ACTION_PLAN', { networkId: command.networkId })) {
      throw memberNetworkIds(actor).includes(command.networkId) ? DomainError.forbidden() : DomainError.notFound();
    }
    const errors: FieldError[] = [];
    const source = (command.source ?? '').trim();
    if (source === '') errors.push({ field: 'source', key: 'validation:required' });
    if (source.length > 300) errors.push({ field: 'source', key: 'validation:tooLong', params: { max: 300 } });
    if (!isIsoDate(command.issuedOn)) errors.push({ field: 'issuedOn', key: 'action-plans:invalidDate' });
    const text = buildTranslatableText(command.text, 'text', {
      required: true,
      maxLength: 5000,
      defaultStatus: 'ORIGINAL',
    });
    errors.push(...text.errors);
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const values = { source, issuedOn: command.issuedOn, text: text.value };
      const id = await this.sources.insertRecommendation(tx, command.networkId, values, me);
      await this.audit.record(tx, actor, {
        networkId: command.networkId,
        entityType: 'plan_recommendation',
        entityId: id,
        action: 'create',
        after: values,
      });
      return (await this.sources.findRecommendation(actor, id, tx)) as RecommendationRow;
    });
  }

  async recommendation(actor: Actor, id: unknown): Promise<RecommendationRow> {
    if (!isUuid(id)) throw DomainError.notFound();
    const found = await this.sources.findRecommendation(actor, id);
    if (!found) throw DomainError.notFound();
    return found;
  }

  async cite(actor: Actor, command: CiteSourceCommand): Promise<ActionRow> {
    const me = requirePerson(actor);
    const given = [command.followUpId, command.recommendationId, command.article ?? command.protocol].filter(
      (v) => v != null && v !== '',
    );
    if (given.length !== 1) throw DomainError.badInput([{ field: 'actionId', key: 'action-plans:oneSource' }]);
    return this.transactions.run(async (tx) => {
      const { plan, action } = await this.structure.action(actor, command.actionId, tx);
      if (!this.plans.canEdit(actor, plan)) throw DomainError.forbidden();
      await this.plans.forEdit(actor, plan.id, tx);
      const values = {
        kind: 'PROTOCOL_ARTICLE',
        followUpId: null as string | null,
        recommendationId: null as string | null,
        protocol: null as string | null,
        article: null as string | null,
        closesFollowUp: false,
      };
      if (command.followUpId) {
        const followUp = isUuid(command.followUpId) ? await this.sources.followUp(tx, command.followUpId) : null;
        // Missing, hidden and another network's follow-ups answer alike.
        const visible =
          followUp !== null &&
          followUp.networkId === plan.networkId &&
          this.meetings !== null &&
          (await this.meetings.canReadMeeting(actor, followUp.meetingId, tx));
        if (!visible) throw DomainError.badInput([{ field: 'followUpId', key: 'action-plans:unknownFollowUp' }]);
        Object.assign(values, {
          kind: 'FOLLOW_UP',
          followUpId: followUp.id,
          closesFollowUp: command.closesFollowUp === true,
        });
      } else if (command.recommendationId) {
        const found = isUuid(command.recommendationId)
          ? await this.sources.findRecommendation(actor, command.recommendationId, tx)
          : null;
        if (!found || found.networkId !== plan.networkId) {
          throw DomainError.badInput([{ field: 'recommendationId', key: 'action-plans:unknownRecommendation' }]);
        }
        Object.assign(values, { kind: 'RECOMMENDATION', recommendationId: found.id });
      } else {
        const protocol = (command.protocol ?? '').trim();
        const article = (command.article ?? '').trim();
        const errors: FieldError[] = [];
        if (protocol === '') errors.push({ field: 'protocol', key: 'validation:required' });
        if (protocol.length > 300) errors.push({ field: 'protocol', key: 'validation:tooLong', params: { max: 300 } });
        if (article === '') errors.push({ field: 'article', key: 'validation:required' });
        if (article.length > 100) errors.push({ field: 'article', key: 'validation:tooLong', params: { max: 100 } });
        throwIfAny(errors);
        Object.assign(values, { protocol, article });
      }
      if (!(await this.sources.insertSource(tx, action.id, values, me))) {
        throw DomainError.conflict('action-plans:alreadyCited');
      }
      await this.plans.touched(tx, plan.id, me);
      await this.audit.record(tx, actor, {
        networkId: plan.networkId,
        entityType: 'plan_action',
        entityId: action.id,
        action: 'cite',
        after: values,
      });
      return action;
    });
  }

  /** The sources of an action the caller has read, batched per request. */
  sourcesOf(loaders: RequestLoaders, action: ActionRow): Promise<SourceRow[]> {
    return loaders
      .get(
        'actionPlans.sources',
        () =>
          new DataLoader<string, SourceRow[]>(async (ids) => {
            const rows = await this.sources.sourcesOf(ids);
            return ids.map((id) => rows.filter((r) => r.actionId === id));
          }),
      )
      .load(action.id);
  }

  /** Actions the caller may read that answer a follow-up, a decision (any of its follow-ups) or a recommendation. */
  async actionsAnswering(
    actor: Actor,
    target: { followUpId?: string | null; decisionId?: string | null; recommendationId?: string | null },
  ): Promise<ActionRow[]> {
    for (const [field, id] of Object.entries(target)) {
      if (id != null && !isUuid(id)) throw DomainError.badInput([{ field, key: 'validation:invalidValue' }]);
    }
    const ids = await this.sources.actionsAnswering(actor, target);
    return this.structureRows.findActions(ids);
  }
}
