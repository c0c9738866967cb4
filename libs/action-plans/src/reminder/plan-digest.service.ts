import { Injectable } from '@nestjs/common';
import { countries, I18nService, Language, resolveText, TransactionRunner } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { PlanDigestRepository, StateProgressRow } from './plan-digest.repository';

const BATCH = 500;
const NS = 'action-plans-exports';

export interface PlanDigestOutcome {
  readonly digests: number;
  readonly notified: number;
}

/** The first day of `slot`'s month, 00:00 UTC. */
export function monthStart(slot: Date): Date {
  return new Date(Date.UTC(slot.getUTCFullYear(), slot.getUTCMonth(), 1));
}

/**
 * The action plans' periodic mail (issue 13 item 10): a weekly digest per country team (each active
 * plan's open actions due in the coming week and overdue, and its indicator reports due in the next
 * 30 days), and a monthly summary to each network's secretariat (progress per member state across its
 * active plans). In each recipient's language, per their preferences (notifyEach), and exactly once:
 * each plan's digest once per weekly slot and each network's summary once per calendar month, checked
 * again in the transaction that notifies, so a retried or overlapping slot notifies nobody twice.
 */
@Injectable()
export class PlanDigestService {
  constructor(
    private readonly digests: PlanDigestRepository,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationService,
    private readonly i18n: I18nService,
  ) {}

  async sendWeekly(slot: Date, signal?: AbortSignal): Promise<PlanDigestOutcome> {
    const today = slot.toISOString().slice(0, 10);
    let digests = 0;
    let notified = 0;
    const plans = await this.transactions.run((tx) => this.digests.weekly(tx, today, slot, BATCH));
    for (const plan of plans) {
      signal?.throwIfAborted();
      const subject = { type: 'action_plan', id: plan.planId };
      const sent = await this.transactions.run(async (tx) => {
        if (await this.notifications.notifiedSince(tx, 'planWeeklyDigest', subject, slot)) return null;
        const team = await this.digests.team(tx, plan);
        const ids = await this.notifications.notifyEach(
          tx,
          team.map((r) => ({
            personId: r.personId,
            kind: 'planWeeklyDigest' as const,
            subject,
            networkId: plan.networkId,
            params: {
              planTitle: resolveText(plan.planTitle, r.language, plan.networkLanguage)?.text ?? '',
              weekOf: today,
              actionsDue: plan.actionsDue,
              actionsOverdue: plan.actionsOverdue,
              indicatorReportsDue: plan.indicatorReportsDue,
            },
          })),
        );
        return ids.length;
      });
      if (sent === null) continue;
      digests += 1;
      notified += sent;
    }
    return { digests, notified };
  }

  async sendMonthly(slot: Date, signal?: AbortSignal): Promise<PlanDigestOutcome> {
    const since = monthStart(slot);
    const today = slot.toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    let digests = 0;
    let notified = 0;
    const networks = await this.transactions.run((tx) => this.digests.networksToSummarise(tx, since, BATCH));
    for (const network of networks) {
      signal?.throwIfAborted();
      const subject = { type: 'network', id: network.networkId };
      const sent = await this.transactions.run(async (tx) => {
        if (await this.notifications.notifiedSince(tx, 'planMonthlySummary', subject, since)) return null;
        const [states, secretariat] = await Promise.all([
          this.digests.progressByState(tx, network.networkId, today),
          this.digests.secretariat(tx, network.networkId),
        ]);
        const ids = await this.notifications.notifyEach(
          tx,
          secretariat.map((r) => ({
            personId: r.personId,
            kind: 'planMonthlySummary' as const,
            subject,
            networkId: network.networkId,
            params: {
              networkName: resolveText(network.networkName, r.language, network.networkLanguage)?.text ?? '',
              month,
              states: this.stateLines(states, r.language),
            },
          })),
        );
        return ids.length;
      });
      if (sent === null) continue;
      digests += 1;
      notified += sent;
    }
    return { digests, notified };
  }

  /** "Kenya: 40% (2 overdue)", one line per member state, in the reader's language. */
  private stateLines(states: StateProgressRow[], lang: Language): string {
    const t = this.i18n.translator(lang);
    return states
      .map((s) =>
        t.t(`${NS}:summaryLine`, {
          state:
            s.memberState === null ? t.t(`${NS}:regional`) : (countries.getName(s.memberState, lang) ?? s.memberState),
          progress: s.progress === null ? '–' : s.progress,
          overdue: s.overdue,
        }),
      )
      .join('\n');
  }
}
