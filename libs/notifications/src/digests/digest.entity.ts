import type { Language } from '@enlace/core';

/** A notification as the daily digest lists it (rendered later in the recipient's language). */
export interface DigestNotification {
  readonly id: string;
  readonly kind: string;
  readonly params: Record<string, string | number>;
  readonly createdAt: Date;
  readonly networkLanguage: Language | null;
  readonly networkId: string | null;
}
