import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { i18n as I18nInstance, TFunction } from 'i18next';
import { projectRoot } from '../project-root';
import { DEFAULT_LANGUAGE, Language, LANGUAGES, negotiateLanguage } from './languages';
import { formatDate } from './dates';

export type Resources = Record<Language, Record<string, Record<string, unknown>>>;

/** Reads every `locales/<lang>/<namespace>.json` once. */
export function loadResources(dir = join(projectRoot(), 'locales')): Resources {
  const resources = {} as Resources;
  for (const lang of LANGUAGES) {
    resources[lang] = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Record<
        string,
        unknown
      >;
    }
  }
  return resources;
}

/** A translator bound to one language for one request, job or recipient. */
export interface Translator {
  readonly lang: Language;
  t(key: string, params?: Record<string, unknown>): string;
}

/**
 * Owns one i18next instance, never switched: each caller gets a translator fixed to its language
 * (`getFixedT`), so concurrent requests in different languages never see each other's language.
 */
export class I18nService {
  private readonly instance: I18nInstance;
  private readonly translators = new Map<Language, Translator>();

  constructor(resources: Resources = loadResources()) {
    this.instance = i18next.createInstance();
    void this.instance.init({
      initAsync: false,
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: Object.keys(resources.en),
      defaultNS: 'errors',
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
    // `{{date, date}}` in a text: an ISO date written for the reader (`formatDate`), never ISO.
    this.instance.services.formatter?.add('date', (value: unknown, lng: string | undefined) =>
      typeof value === 'string' ? formatDate(value, (lng ?? DEFAULT_LANGUAGE) as Language) : String(value),
    );
    for (const lang of LANGUAGES) {
      const fixed: TFunction = this.instance.getFixedT(lang);
      this.translators.set(lang, { lang, t: (key, params) => fixed(key, params ?? {}) as string });
    }
  }

  translator(lang: Language): Translator {
    return this.translators.get(lang) as Translator;
  }

  /** The translator for an `Accept-Language` header (best match, fallback English). */
  forAcceptLanguage(header: string | string[] | undefined): Translator {
    return this.translator(negotiateLanguage(header));
  }
}
