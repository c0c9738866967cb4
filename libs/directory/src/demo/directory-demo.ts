import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countries, Language, NetworkRole, projectRoot, STATE_BOUND_ROLES, writeCsv } from '@enlace/core';
import type { DemoData } from './demo-data';
import { fold } from '../imports/import-csv';

export interface DirectoryDemoData {
  readonly memberStates: Record<string, [string, string][]>;
  readonly vacancies: Record<string, string[]>;
  readonly extraMembers: Record<string, [NetworkRole, number][]>;
  readonly names: Record<Language, { first: string[]; last: string[] }>;
  readonly organisations: {
    GOVERNMENT: Record<Language, string>;
    CIVIL_SOCIETY: string[];
    ACADEMIC: string[];
    UN: string[];
  };
  readonly history: {
    network: string;
    memberState: string;
    role: NetworkRole;
    name: string;
    externalRef: string;
    startsOn: string;
    endsOn: string;
  }[];
}

export function loadDirectoryDemo(file = join(projectRoot(), 'demo', 'directory.json')): DirectoryDemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as DirectoryDemoData;
}

const FRENCH = new Set(['FR', 'BE', 'CH', 'CD', 'CG', 'CF', 'BI', 'RW', 'SN']);
const PORTUGUESE = new Set(['BR', 'PT', 'AO']);
const SPANISH = new Set(['AR', 'BO', 'CL', 'CO', 'CR', 'EC', 'GT', 'HN', 'MX', 'PA', 'PE', 'PY', 'UY', 'ES']);

function languageOf(code: string): Language {
  if (FRENCH.has(code)) return 'fr';
  if (PORTUGUESE.has(code)) return 'pt';
  if (SPANISH.has(code)) return 'es';
  return 'en';
}

const JOB_TITLES: Record<Language, [string, string]> = {
  es: ['Directora de Derechos Humanos', 'Coordinador de Asuntos Multilaterales'],
  pt: ['Diretora de Direitos Humanos', 'Coordenador de Assuntos Multilaterais'],
  fr: ['Directrice des droits humains', 'Coordinateur des affaires multilatérales'],
  en: ['Director, Human Rights', 'Coordinator, Multilateral Affairs'],
};

const HEADER = [
  'external_ref',
  'name',
  'job_title',
  'email',
  'phone',
  'organisation',
  'organisation_type',
  'country',
  'role',
  'member_state',
  'starts_on',
  'languages',
  'preferred_language',
];

/**
 * The generated people of each network as an import file: a focal point and an alternate for every
 * member state (except seats held by demo accounts and the vacancies), then the extra members.
 * Deterministic: the same data always gives the same files, so seeding twice changes nothing.
 */
export function demoImportFiles(data: DirectoryDemoData, accounts: DemoData): Map<string, string> {
  const held = new Set(
    accounts.people.flatMap((p) => p.memberships.map((m) => `${m.network}:${m.role}:${m.memberState ?? ''}`)),
  );
  const usedEmails = new Set<string>();
  let n = 0;
  const person = (lang: Language) => {
    n += 1;
    const names = data.names[lang];
    const first = names.first[(n * 7) % names.first.length];
    const last = names.last[(n * 11 + 3) % names.last.length];
    let email = `${fold(first).replace(/ /g, '')}.${fold(last).replace(/ /g, '')}@example.org`;
    if (usedEmails.has(email)) email = email.replace('@', `.${n}@`);
    usedEmails.add(email);
    return { ref: `DEMO-DIR-${String(n).padStart(4, '0')}`, name: `${first} ${last}`, email };
  };
  const files = new Map<string, string>();
  const networks = [...new Set([...Object.keys(data.memberStates), ...Object.keys(data.extraMembers)])];
  for (const network of networks) {
    const rows: string[][] = [];
    const states = data.memberStates[network] ?? [];
    const vacant = new Set(data.vacancies[network] ?? []);
    for (const [code, joinedOn] of states) {
      if (vacant.has(code)) continue;
      const lang = languageOf(code);
      const country = countries.getName(code, lang) ?? code;
      for (const [i, role] of STATE_BOUND_ROLES.entries()) {
        if (held.has(`${network}:${role}:${code}`)) continue;
        const p = person(lang);
        const year = Math.max(Number(joinedOn.slice(0, 4)), 2018 + (n % 6));
        rows.push([
          p.ref,
          p.name,
          JOB_TITLES[lang][i],
          p.email,
          `+1 555 01${String(n).padStart(2, '0').slice(-2)}`,
          `${data.organisations.GOVERNMENT[lang]} (${country})`,
          'GOVERNMENT',
          code,
          role,
          code,
          `${year}-${String(1 + (n % 12)).padStart(2, '0')}-01`,
          lang === 'en' ? 'en' : `${lang} en`,
          lang,
        ]);
      }
    }
    for (const [role, count] of data.extraMembers[network] ?? []) {
      for (let i = 0; i < count; i += 1) {
        const code =
          states.length > 0 ? states[(n + i) % states.length][0] : ['AR', 'BR', 'CO', 'MX', 'PE', 'GT'][n % 6];
        const lang = languageOf(code);
        const p = person(lang);
        const kind = role === 'TRAINER' ? 'ACADEMIC' : role === 'OBSERVER' && n % 3 === 0 ? 'UN' : 'CIVIL_SOCIETY';
        const list = data.organisations[kind];
        rows.push([
          p.ref,
          p.name,
          '',
          p.email,
          '',
          list[n % list.length],
          kind,
          code,
          role,
          '',
          '2024-01-15',
          lang === 'en' ? 'en' : `${lang} en`,
          lang,
        ]);
      }
    }
    files.set(network, writeCsv([HEADER, ...rows]));
  }
  return files;
}
