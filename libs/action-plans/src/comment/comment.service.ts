import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  AuditRepository,
  checkText,
  DomainError,
  FieldError,
  groupByKey,
  isUuid,
  RequestLoaders,
  requirePerson,
  resolveText,
  throwIfAny,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { PlanNoticeRepository } from '../plan/plan-notice.repository';
import { PlanRow } from '../plan/plan.entity';
import { PlanRepository } from '../plan/plan.repository';
import { PlanService } from '../plan/plan.service';
import { StructureRepository } from '../structure/structure.repository';
import { CommentRow } from './comment.entity';
import { CommentRepository } from './comment.repository';

export const COMMENT_MAX_LENGTH = 4000;
export const MAX_COMMENT_MENTIONS = 50;
/** Comments a plan lists at most (its latest). */
export const COMMENTS_LISTED = 200;
/** Mentions are written `<@person-id>` in the body, as in channels (clients render the name). */
const MENTION = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

export function planCommentMentions(body: string): string[] {
  const ids = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    ids.add(match[1].toLowerCase());
    if (ids.size >= MAX_COMMENT_MENTIONS) break;
  }
  return [...ids];
}

export interface CommentCommand {
  readonly planId: string;
  readonly body: string;
  readonly objectiveId?: string | null;
  readonly actionId?: string | null;
}

/**
 * Comments on plans (issue 13 item 8): a reader of the plan whose role the matrix lets comment
 * (`COMMENT_ON_PLAN`: a civil-society member of the partner forum on a PARTNERS plan; not a trainer or
 * an observer) comments on it, on the plan or one of its objectives or actions. A reader who may not
 * comment is FORBIDDEN; a plan the caller cannot read is NOT_FOUND. Comments
 * are listed on the plan, so they follow its visibility: a hidden plan's are out of reach, uncounted.
 * A mention notifies the person mentioned only when they may read the plan; any other mention
 * notifies nobody and tells the author nothing.
 */
@Injectable()
export class CommentService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly plans: PlanService,
    private readonly planRows: PlanRepository,
    private readonly readers: PlanNoticeRepository,
    private readonly structure: StructureRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
  ) {}

  async comment(actor: Actor, command: CommentCommand): Promise<CommentRow> {
    const me = requirePerson(actor);
    const errors: FieldError[] = [];
    const body = typeof command.body === 'string' ? command.body.trim() : '';
    if (body === '') errors.push({ field: 'body', key: 'action-plans:commentRequired' });
    else if ([...body].length > COMMENT_MAX_LENGTH) {
      errors.push({ field: 'body', key: 'action-plans:commentTooLong', params: { max: COMMENT_MAX_LENGTH } });
    } else errors.push(...checkText(body, 'body'));
    if (command.objectiveId && command.actionId) {
      errors.push({ field: 'actionId', key: 'action-plans:commentTarget' });
    }
    throwIfAny(errors);
    return this.transactions.run(async (tx) => {
      const plan = await this.plans.get(actor, command.planId, tx);
      if (!(await this.plans.canComment(actor, plan, tx))) {
        throw new DomainError('FORBIDDEN', 'action-plans:mayNotComment');
      }
      const objectiveId = await this.inPlan(tx, plan, 'objective', command.objectiveId);
      const actionId = await this.inPlan(tx, plan, 'action', command.actionId);
      const mentions = planCommentMentions(body);
      const id = await this.comments.insert(tx, { planId: plan.id, objectiveId, actionId, body, mentions }, me);
      await this.audit.record(tx, actor, {
        networkId: plan.networkId,
        entityType: 'plan_comment',
        entityId: id,
        action: 'create',
        after: { planId: plan.id, objectiveId, actionId, body, mentions },
      });
      const comment = (await this.comments.find(tx, id)) as CommentRow;
      await this.notifyMentioned(tx, actor, plan, comment);
      return comment;
    });
  }

  /**
   * The plan's comments (the caller has read the plan already), oldest first: batched per request,
   * one statement for a page of plans.
   */
  list(loaders: RequestLoaders, plan: PlanRow): Promise<CommentRow[]> {
    return loaders
      .get(
        'actionPlans.comments',
        () =>
          new DataLoader<string, CommentRow[]>(async (ids) =>
            groupByKey(ids, await this.comments.ofPlans(ids, COMMENTS_LISTED), (c) => c.planId),
          ),
      )
      .load(plan.id);
  }

  /** How many comments the plan (read already) has: batched per request like `list`. */
  count(loaders: RequestLoaders, plan: PlanRow): Promise<number> {
    return loaders
      .get(
        'actionPlans.commentCount',
        () =>
          new DataLoader<string, number>(async (ids) => {
            const counts = await this.comments.countsOf(ids);
            return ids.map((id) => counts.get(id) ?? 0);
          }),
      )
      .load(plan.id);
  }

  /** An objective's or action's id when it is one of the plan's; NOT_FOUND otherwise (another plan's is unknown). */
  private async inPlan(
    tx: Tx,
    plan: PlanRow,
    kind: 'objective' | 'action',
    id: string | null | undefined,
  ): Promise<string | null> {
    if (id == null) return null;
    if (!isUuid(id)) throw DomainError.notFound();
    const row =
      kind === 'objective' ? await this.structure.findObjective(tx, id) : await this.structure.findAction(tx, id);
    if (!row || row.planId !== plan.id) throw DomainError.notFound();
    return row.id;
  }

  private async notifyMentioned(tx: Tx, actor: Actor, plan: PlanRow, comment: CommentRow): Promise<void> {
    const candidates = comment.mentions.filter((id) => id !== actor.personId);
    if (candidates.length === 0) return;
    const readers: Actor[] = [];
    for (const reader of await this.readers.readersOf(tx, candidates)) {
      if (await this.planRows.findReadable(reader, plan.id, tx)) readers.push(reader);
    }
    await this.notifications.notifyEach(
      tx,
      readers.map((r) => ({
        personId: r.personId as string,
        kind: 'planCommentMention' as const,
        subject: { type: 'plan_comment', id: comment.id },
        networkId: plan.networkId,
        params: {
          authorName: comment.authorName ?? '',
          planTitle: resolveText(plan.title, r.lang, plan.networkLanguage)?.text ?? '',
        },
      })),
    );
  }
}
