import { Injectable, Logger } from '@nestjs/common';
import type { NotificationKind } from '../notification-kinds';

/** A notification that has just been committed, as live transports push it (`notification:new`). */
export interface PublishedNotification {
  readonly id: string;
  readonly personId: string;
  readonly kind: NotificationKind;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly createdAt: Date;
}

/** Something that pushes new notifications somewhere (the channels gateway, to the person's sockets). */
export interface NotificationPublisher {
  publish(notification: PublishedNotification): void | Promise<void>;
}

/**
 * The hook live channels subscribe to: `subscribe(publisher)` once at start, and every notification
 * is handed to it after the transaction that recorded it has committed (never for a rolled-back
 * one). With no subscriber (today, and in the worker process) nothing happens. A failing publisher
 * is logged; it never affects the change that caused the notification.
 */
@Injectable()
export class NotificationEvents {
  private readonly logger = new Logger('NotificationEvents');
  private readonly publishers = new Set<NotificationPublisher>();

  subscribe(publisher: NotificationPublisher): () => void {
    this.publishers.add(publisher);
    return () => this.publishers.delete(publisher);
  }

  emit(notification: PublishedNotification): void {
    for (const publisher of this.publishers) {
      Promise.resolve()
        .then(() => publisher.publish(notification))
        .catch((error: unknown) =>
          this.logger.warn(`publishing notification ${notification.id} failed: ${String(error)}`),
        );
    }
  }
}
