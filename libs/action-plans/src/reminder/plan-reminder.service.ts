import { Injectable } from '@nestjs/common';
import { resolveText, TransactionRunner } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { PlanReminderKind, PlanReminderRepository } from './plan-reminder.repository';

const BATCH = 500;

export interface PlanReminderOutcome {
  readonly occasions: Record<PlanReminderKind, number>;
  readonly notified: number;
}

/**
 * The daily reminders of active plans (issue 13 item 10): an action past its due date and neither done
 * nor cancelled (once per due date), an indicator report due within 30 days, and one past due without
 * a report (once per due date each), to the action's owner and the plan's country team, in each
 * reader's language and per their preferences. Each occasion is notified in its own transaction,
 * checked again there, so a slot retried after a crash notifies nobody twice.
 */
@Injectable()
export class PlanReminderService {
  constructor(
    private readonly reminders: PlanReminderRepository,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationService,
  ) {}

  async sendDue(slot: Date, signal?: AbortSignal): Promise<PlanReminderOutcome> {
    const today = slot.toISOString().slice(0, 10);
    const occasions = { planActionOverdue: 0, planIndicatorDue: 0, planIndicatorOverdue: 0 };
    let notified = 0;
    const due = await this.transactions.run((tx) => this.reminders.due(tx, today, BATCH));
    for (const occasion of due) {
      signal?.throwIfAborted();
      const sent = await this.transactions.run(async (tx) => {
        if (await this.notifications.notifiedSince(tx, occasion.kind, occasion.subject, occasion.since)) return null;
        const recipients = await this.reminders.recipients(tx, occasion);
        const ids = await this.notifications.notifyEach(
          tx,
          recipients.map((r) => ({
            personId: r.personId,
            kind: occasion.kind,
            subject: occasion.subject,
            networkId: occasion.networkId,
            params: {
              planTitle: resolveText(occasion.planTitle, r.language, occasion.networkLanguage)?.text ?? '',
              actionTitle: resolveText(occasion.actionTitle, r.language, occasion.networkLanguage)?.text ?? '',
              indicatorTitle: resolveText(occasion.indicatorTitle, r.language, occasion.networkLanguage)?.text ?? '',
              dueOn: occasion.dueOn,
            },
          })),
        );
        return ids.length;
      });
      if (sent === null) continue;
      occasions[occasion.kind] += 1;
      notified += sent;
    }
    return { occasions, notified };
  }
}
