import { Injectable } from '@nestjs/common';
import { DEFAULT_LANGUAGE, I18nService, Language } from '@enlace/core';
import { localiseParams } from './format-params';

export interface RenderedNotification {
  readonly title: string;
  readonly body: string;
  /** The name of the kind, for preferences and email footers. */
  readonly kindName: string;
}

/**
 * Renders a notification from `notifications:kinds.<kind>` in the recipient's language. A text
 * missing in that language falls back to the network's default language, then English (the locales
 * parity test reports the gap first).
 */
@Injectable()
export class NotificationRenderer {
  constructor(private readonly i18n: I18nService) {}

  render(
    kind: string,
    params: Readonly<Record<string, unknown>>,
    lang: Language,
    networkLanguage?: Language | null,
  ): RenderedNotification {
    const t = this.i18n.translator(lang);
    const values = localiseParams(params, t);
    const fallbackLng = [...new Set([networkLanguage ?? DEFAULT_LANGUAGE, DEFAULT_LANGUAGE])];
    const text = (field: string) => t.t(`notifications:kinds.${kind}.${field}`, { ...values, fallbackLng });
    return { title: text('title'), body: text('body'), kindName: text('name') };
  }
}
