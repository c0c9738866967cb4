import { Injectable } from '@nestjs/common';
import { Actor, AuditRepository, DomainError, requireAuthenticated, TransactionRunner } from '@enlace/core';
import {
  defaultDelivery,
  isNotificationKind,
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_KINDS,
  NotificationDelivery,
  NotificationKind,
} from '../notifications-rules';
import { NotificationPreferenceRepository } from './notification-preference.repository';

export interface NotificationPreferenceView {
  readonly kind: NotificationKind;
  readonly delivery: NotificationDelivery;
  /** True when the person has not chosen: the kind's default applies. */
  readonly isDefault: boolean;
}

@Injectable()
export class NotificationPreferenceService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Every kind, with the caller's choice or the default. */
  async list(actor: Actor): Promise<NotificationPreferenceView[]> {
    requireAuthenticated(actor);
    const chosen = await this.preferences.list(actor.personId);
    return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => ({
      kind,
      delivery: chosen.get(kind) ?? defaultDelivery(kind),
      isDefault: !chosen.has(kind),
    }));
  }

  async set(actor: Actor, kind: string, delivery: string): Promise<NotificationPreferenceView> {
    requireAuthenticated(actor);
    const problems = [
      ...(isNotificationKind(kind) ? [] : [{ field: 'input.kind', key: 'notifications:errors.unknownKind' }]),
      ...((NOTIFICATION_DELIVERIES as readonly string[]).includes(delivery)
        ? []
        : [{ field: 'input.delivery', key: 'validation:invalidValue' }]),
    ];
    if (problems.length > 0 || !isNotificationKind(kind)) throw DomainError.badInput(problems);
    const value = delivery as NotificationDelivery;
    await this.transactions.run(async (tx) => {
      const before = await this.preferences.find(tx, actor.personId, kind);
      await this.preferences.upsert(tx, actor.personId, kind, value);
      await this.audit.record(tx, actor, {
        entityType: 'notification_preference',
        entityId: `${actor.personId}:${kind}`,
        action: 'update',
        before: { kind, delivery: before ?? defaultDelivery(kind) },
        after: { kind, delivery: value },
      });
    });
    return { kind, delivery: value, isDefault: false };
  }
}
