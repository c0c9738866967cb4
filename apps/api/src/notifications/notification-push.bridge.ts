import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LiveBus } from '@enlace/core';
import { NotificationEvents, PublishedNotification } from '@enlace/notifications';

/** What a person's open sockets receive as `notification:new`: which notification, never its text. */
export interface NotificationPushPayload {
  readonly id: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly createdAt: string;
}

export function toNotificationPushPayload(n: PublishedNotification): NotificationPushPayload {
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Pushes every committed notification to its recipient's open sockets on every process
 * (`notification:new` through the LiveBus, which the channels gateway relays). Clients fetch the
 * rendered title and body over GraphQL, in their own language.
 */
@Injectable()
export class NotificationPushBridge implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: NotificationEvents,
    private readonly live: LiveBus,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe({
      publish: (n) => this.live.toPerson(n.personId, 'notification:new', toNotificationPushPayload(n)),
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
