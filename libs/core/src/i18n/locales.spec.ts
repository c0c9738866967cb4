import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { loadResources } from './i18n.service';
import { LANGUAGES } from './languages';

/**
 * SPEC §2: every key of every namespace exists in all four languages, no text is empty, each
 * translation uses the same interpolation placeholders as the others, and is translated (not a copy
 * of the English text, except for the words listed in SAME_AS_ENGLISH).
 */
const resources = loadResources();
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; anything that is neither text nor an object is reported. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]);
  const nested = [...text.matchAll(/\$t\(([^),]+)/g)].map((m) => `$t(${m[1].trim()})`);
  return [...new Set([...names, ...nested])].sort();
}

/** Texts that are the same word in English and in that language (`<lang>/<ns>:<key>`), nothing else. */
const SAME_AS_ENGLISH = new Set([
  'pt/directory:csv.email',
  'fr/directory:csv.organisation',
  'fr/directory:vcard.mobile',
  // Action plan exports: the same word in both languages.
  'es/action-plans-exports:grouping.TOTAL',
  'pt/action-plans-exports:grouping.TOTAL',
  'fr/action-plans-exports:grouping.TOTAL',
  'es/action-plans-exports:region.ASIA',
  'pt/action-plans-exports:region.OCEANIA',
  'fr/action-plans-exports:region.EUROPE',
  'fr/action-plans-exports:csv.action',
  'fr/action-plans-exports:csv.plans',
  'fr/action-plans-exports:csv.actions',
  'fr/action-plans-exports:pdf.version',
]);

const namespaces = [...new Set(LANGUAGES.flatMap((lang) => Object.keys(resources[lang])))].sort();

/** Keys of a namespace in one language, plural forms folded into their base key. */
function entries(lang: (typeof LANGUAGES)[number], ns: string) {
  const flat = flatten(resources[lang][ns] ?? {}, '', new Map());
  const groups = new Map<string, { forms: Map<string, unknown> }>();
  for (const [key, value] of flat) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const form = m ? m[1] : '';
    if (!groups.has(base)) groups.set(base, { forms: new Map() });
    groups.get(base)!.forms.set(form, value);
  }
  return groups;
}

describe('locales', () => {
  it('has the same namespace files in every language', () => {
    const dir = join(projectRoot(), 'locales');
    const files = (lang: string) => readdirSync(join(dir, lang)).sort();
    for (const lang of LANGUAGES) expect({ lang, files: files(lang) }).toEqual({ lang, files: files('en') });
    expect(namespaces.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(namespaces)('%s', (ns) => {
    it('has every key in all four languages', () => {
      const keysOf = (lang: (typeof LANGUAGES)[number]) => [...entries(lang, ns).keys()].sort();
      const all = [...new Set(LANGUAGES.flatMap(keysOf))].sort();
      for (const lang of LANGUAGES) {
        expect({ lang, missing: all.filter((k) => !keysOf(lang).includes(k)) }).toEqual({ lang, missing: [] });
      }
    });

    it('has no empty or non-text value', () => {
      for (const lang of LANGUAGES) {
        for (const [key, group] of entries(lang, ns)) {
          for (const [form, value] of group.forms) {
            const where = `${lang}/${ns}:${key}${form ? `_${form}` : ''}`;
            expect({ where, type: typeof value }).toEqual({ where, type: 'string' });
            expect({ where, empty: String(value).trim() === '' }).toEqual({ where, empty: false });
          }
        }
      }
    });

    it('has every plural form each language needs', () => {
      for (const lang of LANGUAGES) {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const [key, group] of entries(lang, ns)) {
          if (group.forms.has('')) continue; // not a plural, or a base text every count falls back to
          const missing = needed.filter((category) => !group.forms.has(category));
          expect({ where: `${lang}/${ns}:${key}`, missing }).toEqual({ where: `${lang}/${ns}:${key}`, missing: [] });
        }
      }
    });

    it('counts with plural forms: no "(s)"-style ending, and {{count}} only in a key that has plural forms', () => {
      for (const lang of LANGUAGES) {
        for (const [key, group] of entries(lang, ns)) {
          for (const [form, value] of group.forms) {
            const where = `${lang}/${ns}:${key}${form ? `_${form}` : ''}`;
            const text = String(value);
            // "problema(s)", "ligne(s)", "notificação(ões)", "informé(e)": one text for every count.
            const hedged = /\p{L}\((?:s|es|x|e|es|ões|ns|is|a|as|os)\)/u.test(text);
            expect({ where, hedged }).toEqual({ where, hedged: false });
            const countWithoutPlural = form === '' && placeholders(text).includes('count');
            expect({ where, countWithoutPlural }).toEqual({ where, countWithoutPlural: false });
          }
        }
      }
    });

    it('writes dates inside sentences per language: a date placeholder is formatted', () => {
      // Parameters that carry an ISO date: formatted with `{{name, date}}` (Intl.DateTimeFormat),
      // except in notifications and e-mails, whose renderer formats every ISO value it is given.
      const DATE_NAMES = /^(?:date|from|to|since|startsOn|endsOn|expiresAt|startsAt|dueOn|deadline)$/;
      if (ns === 'notifications' || ns === 'identity') return;
      for (const lang of LANGUAGES) {
        for (const [key, group] of entries(lang, ns)) {
          for (const [form, value] of group.forms) {
            const where = `${lang}/${ns}:${key}${form ? `_${form}` : ''}`;
            // (A placeholder inside a nested `$t(...)` names a key, not a date.)
            const text = String(value).replace(/\$t\([^)]*\)/g, '');
            const raw = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
            expect({ where, unformatted: raw.filter((name) => DATE_NAMES.test(name)) }).toEqual({
              where,
              unformatted: [],
            });
          }
        }
      }
    });

    it('is translated: no text of another language is a copy of the English one', () => {
      const english = flatten(resources.en[ns] ?? {}, '', new Map());
      for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
        for (const [key, text] of flatten(resources[lang][ns] ?? {}, '', new Map())) {
          const where = `${lang}/${ns}:${key}`;
          const copied = text === english.get(key) && !SAME_AS_ENGLISH.has(where);
          expect({ where, copied }).toEqual({ where, copied: false });
        }
      }
    });

    it('uses the same placeholders in every language', () => {
      const placeholdersOf = (lang: (typeof LANGUAGES)[number], key: string) => {
        const group = entries(lang, ns).get(key);
        const texts = [...(group?.forms.values() ?? [])].filter((v): v is string => typeof v === 'string');
        const names = new Set(texts.flatMap(placeholders));
        if (group && !group.forms.has('')) names.delete('count'); // plural forms may leave the count out
        return [...names].sort();
      };
      for (const key of entries('en', ns).keys()) {
        const expected = placeholdersOf('en', key);
        for (const lang of LANGUAGES) {
          expect({ key: `${lang}/${ns}:${key}`, placeholders: placeholdersOf(lang, key) }).toEqual({
            key: `${lang}/${ns}:${key}`,
            placeholders: expected,
          });
        }
      }
    });
  });

  it('lists in SAME_AS_ENGLISH only texts that are the same as in English', () => {
    for (const where of SAME_AS_ENGLISH) {
      const [, lang, ns, key] = /^(\w+)\/([\w-]+):(.+)$/.exec(where) as RegExpExecArray;
      const text = (l: string) => flatten(resources[l as (typeof LANGUAGES)[number]][ns], '', new Map()).get(key);
      expect({ where, same: typeof text('en') === 'string' && text(lang) === text('en') }).toEqual({
        where,
        same: true,
      });
    }
  });

  it('finds placeholders with formats, and nested translations', () => {
    expect(placeholders('{{count}} of {{ total, number }} $t(errors:internal) {{count}}')).toEqual([
      '$t(errors:internal)',
      'count',
      'total',
    ]);
  });
});
