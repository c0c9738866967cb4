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
      expect({ ns, used: (used.get(ns)?.size ?? 0) > 0 }).toEqual({ ns, used: true });
    }
  });

  it.each(namespaces)('%s: every key the code uses exists in every language', (ns) => {
    const keys = [...(used.get(ns) ?? [])];
    for (const lang of LANGUAGES) {
      expect({ lang, missing: keys.filter((key) => !exists(lang, ns, key)) }).toEqual({ lang, missing: [] });
    }
  });
});
