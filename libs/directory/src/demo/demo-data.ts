import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  StartupError,
  isIsoDate,
  isLanguage,
  Language,
  LANGUAGES,
  NETWORK_ROLES,
  NetworkRole,
  projectRoot,
  STATE_BOUND_ROLES,
  TranslatableText,
  TRANSLATION_STATUSES,
  TranslationStatus,
  Visibility,
  VISIBILITIES,
} from '@enlace/core';
import { NETWORK_KINDS, NetworkKind } from '../networks/network.entity';

/** A network of the demo data set, in the form it is stored. */
export interface DemoNetwork {
  readonly slug: string;
  readonly kind: NetworkKind;
  readonly defaultLanguage: Language;
  readonly workingLanguages: readonly Language[];
  readonly visibility: Visibility;
  /** Slugs of partner networks; the seed stores each partnership in both directions. */
  readonly partners: readonly string[];
  readonly name: TranslatableText;
  readonly description: TranslatableText;
}

export interface DemoMembership {
  /** Slug of the network. */
  readonly network: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  /** ISO date (YYYY-MM-DD) the term starts; demo terms are open (no end). */
  readonly startsOn: string;
}

export interface DemoPerson {
  readonly email: string;
  readonly name: string;
  readonly preferredLanguage: Language;
  /** Kept for the directory context; not stored by the seed yet. */
  readonly organisation: string | null;
  readonly memberships: readonly DemoMembership[];
}

export interface DemoData {
  /** The one password every demo account is created with (documented in the README). */
  readonly password: string;
  readonly networks: readonly DemoNetwork[];
  readonly people: readonly DemoPerson[];
}

export class DemoDataError extends StartupError {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid demo data in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DemoDataError';
  }
}

/** Where the project's own copy of the demo data lives (never `../shared`, which users do not have). */
export function demoDataPath(): string {
  return join(projectRoot(), 'demo', 'networks.json');
}

/** Reads and validates `demo/networks.json` (or another file with the same shape). */
export function loadDemoData(path = demoDataPath()): DemoData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DemoDataError(path, [`cannot read the file as JSON (${(error as Error).message})`]);
  }
  return parseDemoData(raw, path);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COUNTRY = /^[A-Z]{2}$/;
/** Demo people are fictional: their addresses must be on a domain reserved for examples (RFC 2606). */
const RESERVED_EMAIL = /^[a-z0-9._-]+@example\.(org|com|net)$/;
const MIN_DEMO_PASSWORD_LENGTH = 10;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
}

/**
 * Translatable text of the demo: every supported language present (so the demo reads naturally in
 * each of them without falling back), non-empty texts, known statuses, exactly one ORIGINAL.
 */
function parseText(value: unknown, where: string, problems: string[]): TranslatableText {
  if (!isObject(value)) {
    problems.push(`${where} must be an object keyed by language`);
    return {};
  }
  const text: Partial<Record<Language, { text: string; status: TranslationStatus }>> = {};
  for (const [language, entry] of Object.entries(value)) {
    if (!isLanguage(language)) {
      problems.push(`${where}: unsupported language "${language}"`);
      continue;
    }
    if (!isObject(entry) || typeof entry.text !== 'string' || entry.text.trim() === '') {
      problems.push(`${where}.${language}.text must be a non-empty string`);
      continue;
    }
    if (!TRANSLATION_STATUSES.includes(entry.status as TranslationStatus)) {
      problems.push(`${where}.${language}.status must be one of ${TRANSLATION_STATUSES.join(', ')}`);
      continue;
    }
    text[language] = { text: entry.text.trim(), status: entry.status as TranslationStatus };
  }
  const missing = LANGUAGES.filter((l) => !(l in value));
  if (missing.length > 0) problems.push(`${where} lacks ${missing.join(', ')}`);
  const originals = Object.values(text).filter((t) => t.status === 'ORIGINAL').length;
  if (originals !== 1) problems.push(`${where} must have exactly one ORIGINAL translation (has ${originals})`);
  return text;
}

function parseNetwork(value: unknown, index: number, problems: string[]): DemoNetwork | null {
  const where = `networks[${index}]`;
  if (!isObject(value)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  const slug = typeof value.slug === 'string' ? value.slug : '';
  if (!SLUG.test(slug) || slug.length > 64) problems.push(`${where}.slug must be a lower-case slug (got "${slug}")`);
  if (!NETWORK_KINDS.includes(value.kind as NetworkKind)) {
    problems.push(`${where}.kind must be one of ${NETWORK_KINDS.join(', ')}`);
  }
  if (!isLanguage(value.defaultLanguage)) {
    problems.push(`${where}.defaultLanguage must be one of ${LANGUAGES.join(', ')}`);
  }
  const working = stringArray(value.workingLanguages);
  if (!working || working.length === 0 || !working.every(isLanguage) || new Set(working).size !== working.length) {
    problems.push(`${where}.workingLanguages must be distinct supported languages`);
  } else if (!(working as string[]).includes(value.defaultLanguage as string)) {
    problems.push(`${where}.workingLanguages must include the default language`);
  }
  const visibility = value.visibility ?? 'PUBLIC';
  if (!VISIBILITIES.includes(visibility as Visibility)) {
    problems.push(`${where}.visibility must be one of ${VISIBILITIES.join(', ')}`);
  }
  const partners = stringArray(value.partners ?? []);
  if (!partners) problems.push(`${where}.partners must be a list of slugs`);
  const name = parseText(value.name, `${where}.name`, problems);
  const description = parseText(value.description, `${where}.description`, problems);
  return {
    slug,
    kind: value.kind as NetworkKind,
    defaultLanguage: value.defaultLanguage as Language,
    workingLanguages: working as Language[],
    visibility: visibility as Visibility,
    partners: partners ?? [],
    name,
    description,
  };
}

function parseMembership(value: unknown, where: string, problems: string[]): DemoMembership | null {
  if (!isObject(value)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  if (typeof value.network !== 'string') problems.push(`${where}.network must be a network slug`);
  const role = value.role as NetworkRole;
  if (!NETWORK_ROLES.includes(role)) problems.push(`${where}.role must be one of ${NETWORK_ROLES.join(', ')}`);
  const memberState = value.memberState ?? null;
  if (memberState !== null && (typeof memberState !== 'string' || !COUNTRY.test(memberState))) {
    problems.push(`${where}.memberState must be an ISO 3166-1 alpha-2 code`);
  }
  if (STATE_BOUND_ROLES.includes(role) && memberState === null) {
    problems.push(`${where}: a ${role} represents a member state (memberState is required)`);
  }
  if (!isIsoDate(value.startsOn)) problems.push(`${where}.startsOn must be a date (YYYY-MM-DD)`);
  return {
    network: value.network as string,
    role,
    memberState: memberState as string | null,
    startsOn: value.startsOn as string,
  };
}

function parsePerson(value: unknown, index: number, problems: string[]): DemoPerson | null {
  const where = `people[${index}]`;
  if (!isObject(value)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  const email = typeof value.email === 'string' ? value.email : '';
  if (!RESERVED_EMAIL.test(email)) {
    problems.push(`${where}.email must be a lower-case address on example.org, example.com or example.net`);
  }
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (name.length < 1 || name.length > 200) problems.push(`${where}.name must have 1 to 200 characters`);
  if (!isLanguage(value.preferredLanguage)) {
    problems.push(`${where}.preferredLanguage must be one of ${LANGUAGES.join(', ')}`);
  }
  const organisation = value.organisation ?? null;
  if (organisation !== null && typeof organisation !== 'string') problems.push(`${where}.organisation must be text`);
  const rawMemberships = Array.isArray(value.memberships) ? value.memberships : null;
  if (!rawMemberships) problems.push(`${where}.memberships must be a list`);
  const memberships = (rawMemberships ?? [])
    .map((m, i) => parseMembership(m, `${where}.memberships[${i}]`, problems))
    .filter((m): m is DemoMembership => m !== null);
  const terms = memberships.map((m) => `${m.network}/${m.role}`);
  if (new Set(terms).size !== terms.length) problems.push(`${where} holds the same role twice in one network`);
  return {
    email,
    name,
    preferredLanguage: value.preferredLanguage as Language,
    organisation: organisation as string | null,
    memberships,
  };
}

/**
 * Validates the demo data set and returns it typed. Every problem is collected, so a broken file is
 * fixed in one pass: each part is read best-effort (references from a broken network or person are
 * still checked), and nothing is returned unless no problem was found.
 */
export function parseDemoData(raw: unknown, source = 'demo data'): DemoData {
  const problems: string[] = [];
  if (!isObject(raw)) throw new DemoDataError(source, ['the file must hold a JSON object']);
  const password = typeof raw.password === 'string' ? raw.password : '';
  if (password.length < MIN_DEMO_PASSWORD_LENGTH) {
    problems.push(`password must have at least ${MIN_DEMO_PASSWORD_LENGTH} characters`);
  }
  const networks = (Array.isArray(raw.networks) ? raw.networks : [])
    .map((n, i) => parseNetwork(n, i, problems))
    .filter((n): n is DemoNetwork => n !== null);
  if (!Array.isArray(raw.networks) || raw.networks.length === 0) problems.push('networks must be a non-empty list');
  const people = (Array.isArray(raw.people) ? raw.people : [])
    .map((p, i) => parsePerson(p, i, problems))
    .filter((p): p is DemoPerson => p !== null);
  if (!Array.isArray(raw.people)) problems.push('people must be a list');

  const slugs = new Set<string>();
  for (const network of networks) {
    if (slugs.has(network.slug)) problems.push(`network "${network.slug}" appears twice`);
    slugs.add(network.slug);
  }
  for (const network of networks) {
    for (const partner of network.partners) {
      if (partner === network.slug) problems.push(`network "${network.slug}" cannot partner with itself`);
      else if (!slugs.has(partner)) problems.push(`network "${network.slug}" names an unknown partner "${partner}"`);
    }
  }
  const emails = new Set<string>();
  for (const person of people) {
    if (emails.has(person.email)) problems.push(`person "${person.email}" appears twice`);
    emails.add(person.email);
    for (const membership of person.memberships) {
      if (!slugs.has(membership.network)) {
        problems.push(`person "${person.email}" is a member of an unknown network "${membership.network}"`);
      }
    }
  }

  if (problems.length > 0) throw new DemoDataError(source, problems);
  return { password, networks, people };
}
