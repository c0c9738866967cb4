import { Injectable } from '@nestjs/common';
import { DEFAULT_LANGUAGE, I18nService, Language, resolveText, TranslatableText } from '@enlace/core';
import { localiseParams } from './format-params';

export interface RenderedNotification {
  readonly title: string;
  readonly body: string;
  /** The name of the kind, for preferences and email footers. */
  readonly kindName: string;
}

/**
 * What the renderer reads when it renders, rather than what was stored with the notification: the
 * name of the network it is about (every translation, so that each reader gets their own language:
 * an OFFICIAL French name for a French reader, not the name in the language of whoever caused it).
 */
export interface RenderContext {
  readonly networkName?: TranslatableText | null;
  /** The reader's IANA time zone (date-times are shown in it); UTC when left out. */
  readonly timeZone?: string | null;
  /**
   * The subject's texts as they are now, for this reader (`NotificationSubjects`: a meeting's title
   * and time), taking the place of the stored params of the same names.
   */
  readonly subject?: Readonly<Record<string, string | number>> | null;
}

/**
 * Renders a notification from `notifications:kinds.<kind>` in the recipient's language. A text
 * missing in that language falls back to the network's default language, then English (the locales
 * parity test reports the gap first). A `context` param picks a variant of the texts
 * (`body_handover`), a `count` param their plural forms. The network's name comes from `context`
 * (resolved now, in the reader's language) and only falls back to the stored `networkName` param.
 */
@Injectable()
export class NotificationRenderer {
  constructor(private readonly i18n: I18nService) {}

  render(
    kind: string,
    params: Readonly<Record<string, unknown>>,
    lang: Language,
    networkLanguage?: Language | null,
    context: RenderContext = {},
  ): RenderedNotification {
    const t = this.i18n.translator(lang);
    const values = localiseParams(params, t, context.timeZone ?? undefined);
    const networkName = resolveText(context.networkName, lang, networkLanguage ?? undefined)?.text;
    if (networkName) values.networkName = networkName;
    if (context.subject) Object.assign(values, context.subject);
    const fallbackLng = [...new Set([networkLanguage ?? DEFAULT_LANGUAGE, DEFAULT_LANGUAGE])];
    const text = (field: string) => t.t(`notifications:kinds.${kind}.${field}`, { ...values, fallbackLng });
    return { title: text('title'), body: text('body'), kindName: text('name') };
  }
}
