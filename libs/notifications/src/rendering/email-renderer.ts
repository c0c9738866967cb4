import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, I18nService, isLanguage, Language, resolveText, TranslatableText } from '@enlace/core';
import { localiseParams } from './format-params';
import { NotificationRenderer } from './notification-renderer';
import type { SubjectTexts } from './notification-subjects';

/** A notification's subject as its e-mail renders it: the subject's texts now, and the reader's chosen zone now. */
export interface EmailSubject {
  readonly texts: SubjectTexts;
  readonly timeZone: string | null;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What an outbox row holds: the template and its parameters, rendered at delivery in `language`. */
export interface EmailToRender {
  readonly template: string;
  readonly language: Language;
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * The names, now, of the networks the params refer to (`networkId`, each digest item's
   * `networkId`), resolved in `language` when rendered; without them the stored `networkName` is used.
   */
  readonly networkNames?: ReadonlyMap<string, TranslatableText>;
  /**
   * By notification id (`notificationId`, each digest item's `notificationId`): the texts of the
   * notification's subject now (a meeting's title and time); without them the stored values are used.
   */
  readonly subjects?: ReadonlyMap<string, EmailSubject>;
}

/** The notifications an outbox row renders (a notification e-mail's, a digest's items), whose subjects it reads now. */
export function notificationIdsOf(params: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') ids.add(value);
  };
  add(params.notificationId);
  if (Array.isArray(params.items)) {
    for (const item of params.items as { notificationId?: unknown }[]) add(item?.notificationId);
  }
  return [...ids];
}

/** The networks an outbox row's params refer to, whose names its rendering resolves. */
export function networkIdsOf(params: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') ids.add(value);
  };
  add(params.networkId);
  if (Array.isArray(params.items)) {
    for (const item of params.items as { networkId?: unknown }[]) add(item?.networkId);
  }
  return [...ids];
}

/** A row that can never be rendered (unknown template, broken parameters): failed, not retried. */
export class EmailRenderError extends Error {
  override readonly name = 'EmailRenderError';
}

/** One item of a digest, as `DigestService` stores it in the outbox row. */
export interface DigestItem {
  readonly kind: string;
  readonly params: Record<string, unknown>;
  readonly networkLanguage: Language | null;
  /** The network it is about, whose name is resolved when the digest is rendered. */
  readonly networkId?: string | null;
  /** The notification listed, whose subject's texts are read when the digest is rendered. */
  readonly notificationId?: string;
  readonly createdAt: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Escaped text with its links made clickable. */
function inlineHtml(text: string): string {
  // A link ends before trailing punctuation: "(https://enlace.example.org)." links the address only.
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
}

function paragraphsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${inlineHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function page(lang: Language, subject: string, inner: string, footer: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    inner,
    `<hr><p style="color: #666; font-size: 0.9em">${inlineHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

/**
 * Turns an outbox row into subject, plain text and HTML in the recipient's language. Templates:
 * `invitation` and `passwordReset` (identity, `identity:emails.*`), `notification` (one notification
 * sent at once) and `digest` (the notifications of a day).
 */
@Injectable()
export class EmailRenderer {
  constructor(
    private readonly i18n: I18nService,
    private readonly notifications: NotificationRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  render(email: EmailToRender): RenderedEmail {
    if (!isLanguage(email.language)) throw new EmailRenderError(`unsupported language ${String(email.language)}`);
    switch (email.template) {
      case 'invitation':
      case 'passwordReset':
        return this.identityEmail(email.template, email.language, email.params, email.networkNames);
      case 'notification':
        return this.notificationEmail(email.language, email.params, email.networkNames, email.subjects);
      case 'digest':
        return this.digestEmail(email.language, email.params, email.networkNames, email.subjects);
      default:
        throw new EmailRenderError(`unknown email template ${email.template}`);
    }
  }

  private identityEmail(
    template: string,
    lang: Language,
    params: Readonly<Record<string, unknown>>,
    names?: ReadonlyMap<string, TranslatableText>,
  ): RenderedEmail {
    const t = this.i18n.translator(lang);
    // `timeZone`: the recipient's, when identity knows them (a password reset); UTC for an invitee.
    const values = localiseParams(params, t, typeof params.timeZone === 'string' ? params.timeZone : undefined);
    // An invitation names its network as it is called now, in the e-mail's language.
    const networkName =
      typeof params.networkId === 'string' ? resolveText(names?.get(params.networkId), lang)?.text : undefined;
    if (networkName) values.networkName = networkName;
    const subject = t.t(`identity:emails.${template}.subject`, values);
    const body = t.t(`identity:emails.${template}.body`, values);
    const footer = t.t('notifications:email.systemFooter', { link: this.config.publicUrl });
    return { subject, text: `${body}\n\n-- \n${footer}\n`, html: page(lang, subject, paragraphsHtml(body), footer) };
  }

  private notificationEmail(
    lang: Language,
    params: Readonly<Record<string, unknown>>,
    names?: ReadonlyMap<string, TranslatableText>,
    subjects?: ReadonlyMap<string, EmailSubject>,
  ): RenderedEmail {
    const { kind, values, networkLanguage, networkId, timeZone, notificationId } = params as {
      kind?: unknown;
      values?: unknown;
      networkLanguage?: unknown;
      networkId?: unknown;
      timeZone?: unknown;
      notificationId?: unknown;
    };
    if (typeof kind !== 'string' || typeof values !== 'object' || values === null) {
      throw new EmailRenderError('notification email without kind or values');
    }
    const fallback = isLanguage(networkLanguage) ? networkLanguage : null;
    const subject = typeof notificationId === 'string' ? subjects?.get(notificationId) : undefined;
    const n = this.notifications.render(kind, values as Record<string, unknown>, lang, fallback, {
      networkName: typeof networkId === 'string' ? names?.get(networkId) : null,
      timeZone: typeof timeZone === 'string' ? timeZone : null,
      subject: subject?.texts({ language: lang, networkLanguage: fallback, timeZone: subject.timeZone }),
    });
    const t = this.i18n.translator(lang);
    const footer = t.t('notifications:email.notificationFooter', { link: this.config.publicUrl, kindName: n.kindName });
    const html = page(
      lang,
      n.title,
      `<h1 style="font-size: 1.2em">${inlineHtml(n.title)}</h1>\n${paragraphsHtml(n.body)}`,
      footer,
    );
    return { subject: n.title, text: `${n.title}\n\n${n.body}\n\n-- \n${footer}\n`, html };
  }

  private digestEmail(
    lang: Language,
    params: Readonly<Record<string, unknown>>,
    names?: ReadonlyMap<string, TranslatableText>,
    subjects?: ReadonlyMap<string, EmailSubject>,
  ): RenderedEmail {
    const { since, items, timeZone } = params as { since?: unknown; items?: unknown; timeZone?: unknown };
    const zone = typeof timeZone === 'string' ? timeZone : undefined;
    if (typeof since !== 'string' || !Array.isArray(items) || items.length === 0) {
      throw new EmailRenderError('digest email without items');
    }
    const t = this.i18n.translator(lang);
    const rendered = (items as DigestItem[]).map((item) => {
      const subject = item.notificationId ? subjects?.get(item.notificationId) : undefined;
      return this.notifications.render(item.kind, item.params, lang, item.networkLanguage, {
        networkName: item.networkId ? names?.get(item.networkId) : null,
        timeZone: zone,
        subject: subject?.texts({ language: lang, networkLanguage: item.networkLanguage, timeZone: subject.timeZone }),
      });
    });
    const subject = t.t('notifications:digest.subject', { count: rendered.length });
    const intro = t.t('notifications:digest.intro', localiseParams({ since }, t, zone));
    const footer = t.t('notifications:digest.footer', { link: this.config.publicUrl });
    const text = [intro, '', ...rendered.map((n) => `- ${n.title}\n  ${n.body}`), '', '-- ', footer, ''].join('\n');
    const list = rendered
      .map((n) => `<li><strong>${inlineHtml(n.title)}</strong><br>${inlineHtml(n.body)}</li>`)
      .join('\n');
    return { subject, text, html: page(lang, subject, `<p>${inlineHtml(intro)}</p>\n<ul>\n${list}\n</ul>`, footer) };
  }
}
