import type { Language, TranslatableText } from '@enlace/core';
import type { NotificationDelivery } from '../notifications-rules';

export interface NewNotification {
  readonly personId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly networkId: string | null;
  readonly params: Record<string, string | number>;
  readonly delivery: Exclude<NotificationDelivery, 'OFF'>;
}

/** A notification with what it takes to render it for its recipient. */
export interface NotificationRow {
  readonly id: string;
  readonly personId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly networkId: string | null;
  readonly params: Record<string, string | number>;
  readonly delivery: Exclude<NotificationDelivery, 'OFF'>;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  /** The recipient's preferred language now (notifications are rendered when read). */
  readonly language: Language;
  /** The default language of the network the notification is about, for fallback. */
  readonly networkLanguage: Language | null;
  /** That network's name now, every translation (resolved for the reader when rendered). */
  readonly networkName: TranslatableText | null;
  /** The recipient's chosen time zone (null: their country's main zone) and country. */
  readonly timeZone: string | null;
  readonly countryCode: string | null;
}

export interface Recipient {
  readonly language: Language;
  readonly email: string | null;
  /** The IANA time zone they read dates in (chosen, else their country's main zone, else UTC). */
  readonly timeZone: string;
}

/** A notification as its recipient reads it, rendered in their preferred language. */
export interface NotificationView {
  readonly id: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly networkId: string | null;
  readonly title: string;
  readonly body: string;
  readonly language: Language;
  readonly delivery: Exclude<NotificationDelivery, 'OFF'>;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}
