import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, loadResources, projectRoot } from '@enlace/core';

/** Every `directory:` key the code uses exists in all four languages, translated (SPEC §2). */
describe('locales/<lang>/directory.json', () => {
  const resources = loadResources();
  const lookup = (lang: (typeof LANGUAGES)[number], key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        resources[lang].directory,
      );

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith('.ts') && !name.includes('spec') ? [path] : [];
    });
  }

  it('has every key the code uses, in every language', () => {
    const used = new Set<string>();
    for (const dir of ['libs/directory/src', 'apps/api/src/directory']) {
      for (const file of sources(join(projectRoot(), dir))) {
        for (const m of readFileSync(file, 'utf8').matchAll(/'directory:([\w.]+)'/g)) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(30);
    for (const lang of LANGUAGES) {
      expect({ lang, missing: [...used].filter((key) => typeof lookup(lang, key) !== 'string') }).toEqual({
        lang,
        missing: [],
      });
    }
  });

  it('has the CSV headers and role names every import and export uses', () => {
    for (const lang of LANGUAGES) {
      for (const key of ['csv.email', 'csv.member_state', 'role.FOCAL_POINT', 'vcard.term', 'erasedName']) {
        expect({ lang, key, text: typeof lookup(lang, key) }).toEqual({ lang, key, text: 'string' });
      }
    }
  });
});
