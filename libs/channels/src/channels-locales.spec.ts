import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, projectRoot } from '@enlace/core';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales/<lang>/channels.json', () => {
  const resources = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      JSON.parse(readFileSync(join(projectRoot(), 'locales', lang, 'channels.json'), 'utf8')) as Record<string, string>,
    ]),
  );

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith('.ts') && !name.includes('spec') ? [path] : [];
    });
  }

  it('has every key the library and the live door use, in every language', () => {
    const dirs = [join(projectRoot(), 'libs/channels/src'), join(projectRoot(), 'apps/api/src/channels')];
    const used = new Set<string>();
    for (const dir of dirs) {
      for (const file of sources(dir)) {
        for (const m of readFileSync(file, 'utf8').matchAll(/'channels:(\w+)'/g)) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(20);
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
