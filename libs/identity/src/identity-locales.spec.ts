import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, projectRoot } from '@enlace/core';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales/<lang>/identity.json', () => {
  const resources = Object.fromEntries(
    LANGUAGES.map((lang) => [
      lang,
      flatten(JSON.parse(readFileSync(join(projectRoot(), 'locales', lang, 'identity.json'), 'utf8')) as Tree),
    ]),
  );
  const english = resources.en;

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of en, with the same placeholders', (lang) => {
    const other = resources[lang];
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
      expect({ key, translated: other.get(key) !== text || text.length < 4 }).toEqual({ key, translated: true });
    }
  });
});
