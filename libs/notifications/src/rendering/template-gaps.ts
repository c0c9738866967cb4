import { LANGUAGES, type Resources } from '@enlace/core';
import { NOTIFICATION_KINDS } from '../notifications-rules';

const FIELDS = ['name', 'title', 'body'] as const;

/**
 * Texts a notification kind needs but some language lacks (`fr: kinds.vacancyAlert.title`): what the
 * parity test reports before a reader ever meets the fallback.
 */
export function notificationTemplateGaps(resources: Resources): string[] {
  const gaps: string[] = [];
  for (const lang of LANGUAGES) {
    const kinds = (resources[lang]?.notifications?.kinds ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const kind of Object.keys(NOTIFICATION_KINDS)) {
      for (const field of FIELDS) {
        // A counted text has its plural forms instead (`body_one`, `body_other`).
        const text = kinds[kind]?.[field] ?? kinds[kind]?.[`${field}_other`];
        if (typeof text !== 'string' || text.trim() === '') gaps.push(`${lang}: kinds.${kind}.${field}`);
      }
    }
  }
  return gaps;
}
