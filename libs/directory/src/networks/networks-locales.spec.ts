import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, projectRoot } from '@enlace/core';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales/<lang>/networks.json', () => {
  const resources = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      JSON.parse(readFileSync(join(projectRoot(), 'locales', lang, 'networks.json'), 'utf8')) as Record<string, string>,
    ]),
  );

  it('has every key the code uses, in every language', () => {
    const dirs = ['networks', 'memberships', 'audit'].map((d) => join(projectRoot(), 'libs/directory/src', d));
    const used = new Set<string>();
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('spec'))) {
        for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/'networks:(\w+)'/g)) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    for (const lang of LANGUAGES) {
      expect({ lang, missing: [...used].filter((key) => typeof resources[lang][key] !== 'string') }).toEqual({
        lang,
        missing: [],
      });
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has the keys of en, translated, with the same placeholders',
    (lang) => {
      expect(Object.keys(resources[lang]).sort()).toEqual(Object.keys(resources.en).sort());
      for (const [key, text] of Object.entries(resources.en)) {
        const other = resources[lang][key];
        expect({ key, placeholders: placeholders(other) }).toEqual({ key, placeholders: placeholders(text) });
        expect({ key, translated: other !== text }).toEqual({ key, translated: true });
      }
    },
  );
});
