import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { loadResources } from './i18n.service';
import { LANGUAGES } from './languages';

/**
 * SPEC §2, from the code's side: every translation key written in the code as `'<namespace>:<key>'`
 * exists in all four languages (as text, or as plural forms). One test for every context.
 */
const resources = loadResources();
const namespaces = Object.keys(resources.en);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.includes('.spec.') ? [path] : [];
  });
}

function lookup(lang: (typeof LANGUAGES)[number], ns: string, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[lang][ns]);
}

function exists(lang: (typeof LANGUAGES)[number], ns: string, key: string): boolean {
  if (typeof lookup(lang, ns, key) === 'string') return true;
  return typeof lookup(lang, ns, `${key}_other`) === 'string'; // plural forms (count)
}

/**
 * How many keys of a namespace the scan must at least find, so that a scan gone blind (a moved
 * folder, a changed quoting style) fails instead of checking nothing; 1 for the others.
 */
const MIN_USED: Record<string, number> = { channels: 21, directory: 31, networks: 11 };

/** Keys the code builds at run time (`directory:csv.${column}`, `directory:role.${role}`), invisible to the scan. */
const BUILT_AT_RUN_TIME: Record<string, string[]> = {
  directory: ['csv.email', 'csv.member_state', 'role.FOCAL_POINT', 'vcard.term', 'erasedName'],
};

describe('translation keys used by the code', () => {
  const used = new Map<string, Set<string>>(namespaces.map((ns) => [ns, new Set<string>()]));
  const pattern = new RegExp(`'(${namespaces.join('|')}):([\\w.]+)'`, 'g');
  for (const dir of ['apps', 'libs']) {
    for (const file of sources(join(projectRoot(), dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.get(m[1])!.add(m[2]);
    }
  }

  it('finds keys of every context', () => {
    for (const ns of ['errors', 'validation', 'identity', 'networks', 'directory', 'channels']) {
      const min = MIN_USED[ns] ?? 1;
      expect({ ns, enough: (used.get(ns)?.size ?? 0) >= min }).toEqual({ ns, enough: true });
    }
  });

  it('has the keys the code builds at run time (CSV headers, role names, vCard texts) in every language', () => {
    for (const [ns, keys] of Object.entries(BUILT_AT_RUN_TIME)) {
      for (const lang of LANGUAGES) {
        for (const key of keys) {
          expect({ lang, key: `${ns}:${key}`, text: typeof lookup(lang, ns, key) }).toEqual({
            lang,
            key: `${ns}:${key}`,
            text: 'string',
          });
        }
      }
    }
  });

  it.each(namespaces)('%s: every key the code uses exists in every language', (ns) => {
    const keys = [...(used.get(ns) ?? [])];
    for (const lang of LANGUAGES) {
      expect({ lang, missing: keys.filter((key) => !exists(lang, ns, key)) }).toEqual({ lang, missing: [] });
    }
  });
});
