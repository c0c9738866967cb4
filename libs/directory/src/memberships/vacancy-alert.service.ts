import { Injectable } from '@nestjs/common';
import { resolveText, TransactionRunner } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import { VacancyAlertRepository } from './vacancy-alert.repository';

export interface VacancyAlertOutcome {
  /** Networks whose secretariat was alerted in this run. */
  readonly networks: number;
  /** Notifications recorded (people whose preference for the kind is OFF get none). */
  readonly notified: number;
}

/**
 * The daily vacancy alert (system work, no actor): for every network with current member states that
 * have no focal point today, its current secretariat gets one `vacancyAlert` listing them. One
 * transaction per network; a network already alerted since `since` (the run's slot) is skipped, so a
 * run retried after a crash notifies nobody twice.
 */
@Injectable()
export class VacancyAlertService {
  constructor(
    private readonly vacancies: VacancyAlertRepository,
    private readonly notifications: NotificationService,
    private readonly transactions: TransactionRunner,
  ) {}

  async alertSecretariats(since: Date, signal?: AbortSignal): Promise<VacancyAlertOutcome> {
    const networks = await this.transactions.run((tx) => this.vacancies.networksWithVacancies(tx));
    let alerted = 0;
    let notified = 0;
    for (const network of networks) {
      signal?.throwIfAborted();
      const subject = { type: 'network', id: network.networkId };
      const ids = await this.transactions.run(async (tx) => {
        if (await this.notifications.notifiedSince(tx, 'vacancyAlert', subject, since)) return null;
        const secretariat = await this.vacancies.secretariat(tx, network.networkId);
        if (secretariat.length === 0) return null;
        return this.notifications.notifyMany(tx, secretariat, {
          kind: 'vacancyAlert',
          subject,
          networkId: network.networkId,
          params: {
            networkName:
              resolveText(network.name, network.defaultLanguage, network.defaultLanguage)?.text ?? network.slug,
            networkSlug: network.slug,
            memberStates: network.memberStates.join(','),
            count: network.memberStates.length,
          },
        });
      });
      if (ids === null) continue;
      alerted += 1;
      notified += ids.length;
    }
    return { networks: alerted, notified };
  }
}
