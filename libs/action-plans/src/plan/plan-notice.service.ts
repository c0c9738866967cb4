import { Injectable } from '@nestjs/common';
import { Actor, Language, resolveText, TranslatableText, Tx } from '@enlace/core';
import { NotificationService, NotifyInput } from '@enlace/notifications';
import { PlanRow } from './plan.entity';
import { PlanNoticeRepository } from './plan-notice.repository';

const text = (value: TranslatableText, lang: Language, fallback: Language) =>
  resolveText(value, lang, fallback)?.text ?? '';

/**
 * Who hears of being named on a plan (decision 0026), through the outbox in the transaction of the
 * change, in each one's language and per their preferences, never the actor themself: the person
 * named responsible for an action (who so joins the plan's country team), the one they replace or
 * who was removed, and a state's focal point and alternate when a plan is copied for their state.
 * The texts name the plan and the action, never who else is named.
 */
@Injectable()
export class PlanNoticeService {
  constructor(
    private readonly notices: PlanNoticeRepository,
    private readonly notifications: NotificationService,
  ) {}

  /** The action's responsible person went from `before` to `after` (either may be nobody). */
  async ownerChanged(
    tx: Tx,
    actor: Actor,
    plan: PlanRow,
    action: { readonly id: string; readonly title: TranslatableText; readonly dueOn: string },
    before: string | null,
    after: string | null,
  ): Promise<void> {
    if (before === after) return;
    const told: { personId: string; kind: 'planActionAssigned' | 'planActionUnassigned' }[] = [];
    if (after !== null && after !== actor.personId) told.push({ personId: after, kind: 'planActionAssigned' });
    if (before !== null && before !== actor.personId) told.push({ personId: before, kind: 'planActionUnassigned' });
    if (told.length === 0) return;
    const languages = await this.notices.languagesOf(
      tx,
      told.map((n) => n.personId),
    );
    const inputs: NotifyInput[] = told.flatMap(({ personId, kind }) => {
      const lang = languages.get(personId);
      if (!lang) return [];
      return [
        {
          personId,
          kind,
          subject: { type: 'plan_action', id: action.id },
          networkId: plan.networkId,
          params: {
            planTitle: text(plan.title, lang, plan.networkLanguage),
            actionTitle: text(action.title, lang, plan.networkLanguage),
            dueOn: action.dueOn,
          },
        },
      ];
    });
    await this.notifications.notifyEach(tx, inputs);
  }

  /** A plan was copied from a template for its state: its focal point and alternate hear of it. */
  async copiedForState(tx: Tx, actor: Actor, plan: PlanRow): Promise<void> {
    if (!plan.memberState) return;
    const team = (await this.notices.stateTeam(tx, plan.networkId, plan.memberState)).filter(
      (r) => r.personId !== actor.personId,
    );
    await this.notifications.notifyEach(
      tx,
      team.map((r) => ({
        personId: r.personId,
        kind: 'planCopiedForState' as const,
        subject: { type: 'action_plan', id: plan.id },
        networkId: plan.networkId,
        params: {
          planTitle: text(plan.title, r.language, plan.networkLanguage),
          memberState: plan.memberState as string,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
        },
      })),
    );
  }
}
