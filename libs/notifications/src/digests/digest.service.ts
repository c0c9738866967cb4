import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@enlace/core';
import { EmailQueueRepository } from '../outbox/email-queue.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import type { DigestItem } from '../rendering/email-renderer';
import { DigestRepository } from './digest.repository';

export interface DigestCounts {
  readonly digests: number;
  readonly notifications: number;
}

/** Notifications a daily digest lists at most (the rest stay in the app). */
export const DIGEST_MAX_ITEMS = 50;

/**
 * Daily digests: for each person with notifications whose preference is `DIGEST`, one email that
 * groups what happened since their last digest. Each person's digest is one transaction (the
 * notifications are marked digested with the outbox row), so a crashed run that is retried writes
 * no digest twice and loses none.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly digests: DigestRepository,
    private readonly notifications: NotificationRepository,
    private readonly outbox: EmailQueueRepository,
  ) {}

  async sendDigests(until: Date = new Date(), signal?: AbortSignal): Promise<DigestCounts> {
    let digests = 0;
    let notifications = 0;
    for (;;) {
      const people = await this.digests.peopleWithPending(until, 100);
      if (people.length === 0) break;
      for (const personId of people) {
        signal?.throwIfAborted();
        const taken = await this.transactions.run(async (tx) => {
          const lastSentAt = await this.digests.lockBookmark(tx, personId);
          const items = await this.digests.take(tx, personId, until);
          if (items.length === 0) return 0;
          const recipient = await this.notifications.recipient(tx, personId);
          if (recipient?.email) {
            const since = lastSentAt ?? items[0].createdAt;
            const listed: DigestItem[] = items.slice(-DIGEST_MAX_ITEMS).map((item) => ({
              kind: item.kind,
              params: item.params,
              networkLanguage: item.networkLanguage,
              networkId: item.networkId,
              notificationId: item.id,
              createdAt: item.createdAt.toISOString(),
            }));
            await this.outbox.enqueue(tx, {
              recipient: recipient.email,
              language: recipient.language,
              template: 'digest',
              params: { since: since.toISOString(), items: listed, timeZone: recipient.timeZone },
            });
          }
          await this.digests.setBookmark(tx, personId, until);
          return items.length;
        });
        if (taken > 0) {
          digests += 1;
          notifications += taken;
        }
      }
    }
    return { digests, notifications };
  }
}
