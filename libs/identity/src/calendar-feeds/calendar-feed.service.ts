import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  DomainError,
  requirePerson,
  TransactionRunner,
} from '@enlace/core';
import { newToken } from '../sessions/session-token';
import { CalendarFeedRepository } from './calendar-feed.repository';

export interface CalendarFeedLink {
  /** The private subscription address; shown once, it is the only copy of its token. */
  readonly url: string;
  readonly createdAt: Date;
}

/**
 * A person's private calendar feed link (SPEC §4.3): a random token of its own in the URL, because
 * calendar programs fetch it without signing in. One link per account: a new one revokes the last.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor): Promise<CalendarFeedLink> {
    requirePerson(actor);
    if (!actor.accountId) throw DomainError.unauthenticated();
    const accountId = actor.accountId;
    const { token, hash } = newToken();
    const createdAt = await this.transactions.run(async (tx) => {
      const at = await this.feeds.replace(tx, accountId, hash);
      await this.audit.record(tx, actor, { entityType: 'calendar_feed', entityId: accountId, action: 'create' });
      return at;
    });
    return { url: `${this.config.publicUrl.replace(/\/+$/, '')}/calendar/${token}.ics`, createdAt };
  }

  /** Revokes the account's link; returns how many were live (0 or 1). */
  async revoke(actor: Actor): Promise<number> {
    requirePerson(actor);
    if (!actor.accountId) throw DomainError.unauthenticated();
    const accountId = actor.accountId;
    return this.transactions.run(async (tx) => {
      const revoked = await this.feeds.revokeAll(tx, accountId);
      if (revoked > 0) {
        await this.audit.record(tx, actor, { entityType: 'calendar_feed', entityId: accountId, action: 'revoke' });
      }
      return revoked;
    });
  }
}
