import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newToken } from '../../identity/src/sessions/session-token'; // relative: no path mapper in global setup

/**
 * Test factories: rows inserted directly, so that a test can set up any situation in a few lines.
 * Production code never imports this library.
 */

const hashes = new Map<string, Promise<string>>();
/** argon2id hashes are slow by design; tests reuse one hash per password. */
export function hashPassword(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = argon2.hash(password, { type: argon2.argon2id });
    hashes.set(password, hash);
  }
  return hash;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestPerson {
  personId: string;
  accountId: string;
  email: string;
  password: string;
}

export async function insertAccount(
  ds: DataSource,
  options: { email?: string; name?: string; password?: string; isAdmin?: boolean; preferredLanguage?: string } = {},
): Promise<TestPerson> {
  const email = options.email ?? `person-${randomBytes(4).toString('hex')}@example.org`;
  const password = options.password ?? TEST_PASSWORD;
  const [person] = (await ds.query(`INSERT INTO person (name, preferred_language) VALUES ($1, $2) RETURNING id`, [
    options.name ?? email.split('@')[0],
    options.preferredLanguage ?? 'en',
  ])) as { id: string }[];
  const [account] = (await ds.query(
    `INSERT INTO account (person_id, email, password_hash, is_admin) VALUES ($1, $2, $3, $4) RETURNING id`,
    [person.id, email, await hashPassword(password), options.isAdmin ?? false],
  )) as { id: string }[];
  return { personId: person.id, accountId: account.id, email, password };
}

export async function insertNetwork(
  ds: DataSource,
  options: {
    slug?: string;
    name?: Record<string, { text: string; status: string }>;
    visibility?: string;
    defaultLanguage?: string;
    workingLanguages?: string[];
    kind?: string;
  } = {},
): Promise<{ id: string; slug: string }> {
  const slug = options.slug ?? `net-${randomBytes(4).toString('hex')}`;
  const defaultLanguage = options.defaultLanguage ?? 'en';
  const [row] = (await ds.query(
    `INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      slug,
      JSON.stringify(options.name ?? { [defaultLanguage]: { text: `Network ${slug}`, status: 'ORIGINAL' } }),
      options.kind ?? 'GOVERNMENTAL',
      defaultLanguage,
      options.workingLanguages ?? [defaultLanguage],
      options.visibility ?? 'PUBLIC',
    ],
  )) as { id: string }[];
  return { id: row.id, slug };
}

export async function insertPartnership(ds: DataSource, a: string, b: string): Promise<void> {
  await ds.query(`INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)`, [a, b]);
}

export async function insertMembership(
  ds: DataSource,
  options: {
    personId: string;
    networkId: string;
    role: string;
    memberState?: string | null;
    visibility?: string;
    startsOn?: string;
    endsOn?: string | null;
  },
): Promise<{ id: string }> {
  const [row] = (await ds.query(
    `INSERT INTO membership (person_id, network_id, role, member_state, visibility, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::date, current_date), $7) RETURNING id`,
    [
      options.personId,
      options.networkId,
      options.role,
      options.memberState ?? null,
      options.visibility ?? 'NETWORK',
      options.startsOn ?? null,
      options.endsOn ?? null,
    ],
  )) as { id: string }[];
  return row;
}

/**
 * A live session for `accountId`, as signing in would create it; returns the bearer token. Lets tests
 * act as anyone without going through `signIn` (and its argon2 and rate limits).
 */
export async function insertSession(
  ds: DataSource,
  accountId: string,
  options: { expiresAt?: Date } = {},
): Promise<string> {
  const { token, hash } = newToken();
  await ds.query(`INSERT INTO session (account_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
    accountId,
    hash,
    options.expiresAt ?? new Date(Date.now() + 24 * 3600 * 1000),
  ]);
  return token;
}

const CHANNEL_VISIBILITY: Record<string, string> = {
  NETWORK: 'NETWORK',
  JOINT: 'PARTNERS',
  GROUP: 'RESTRICTED',
  DIRECT: 'RESTRICTED',
};

/** A channel of `networkId` with its named members (working group, direct) and partner networks (joint). */
export async function insertChannel(
  ds: DataSource,
  options: {
    networkId: string;
    kind?: 'NETWORK' | 'GROUP' | 'JOINT' | 'DIRECT';
    name?: string;
    memberIds?: string[];
    partnerNetworkIds?: string[];
    retentionDays?: number | null;
    archived?: boolean;
  },
): Promise<{ id: string }> {
  const kind = options.kind ?? 'NETWORK';
  const [row] = (await ds.query(
    `INSERT INTO channel (network_id, kind, visibility, name, retention_days, archived_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END) RETURNING id`,
    [
      options.networkId,
      kind,
      CHANNEL_VISIBILITY[kind],
      options.name ?? `channel-${randomBytes(3).toString('hex')}`,
      options.retentionDays ?? null,
      options.archived ?? false,
    ],
  )) as { id: string }[];
  for (const personId of options.memberIds ?? []) {
    await ds.query(`INSERT INTO channel_member (channel_id, person_id) VALUES ($1, $2)`, [row.id, personId]);
  }
  for (const networkId of options.partnerNetworkIds ?? []) {
    await ds.query(`INSERT INTO channel_partner (channel_id, network_id) VALUES ($1, $2)`, [row.id, networkId]);
  }
  return row;
}

/** An email waiting in the outbox, as a service would have enqueued it. */
export async function insertOutboxEmail(
  ds: DataSource,
  options: { recipient?: string; language?: string; template?: string; params?: Record<string, unknown> } = {},
): Promise<{ id: string }> {
  const [row] = (await ds.query(
    `INSERT INTO email_outbox (recipient, language, template, params) VALUES ($1, $2, $3, $4) RETURNING id`,
    [
      options.recipient ?? `person-${randomBytes(4).toString('hex')}@example.org`,
      options.language ?? 'en',
      options.template ?? 'passwordReset',
      JSON.stringify(
        options.params ?? {
          name: 'Ana',
          link: 'http://localhost:3000/reset?token=x',
          expiresAt: '2026-11-21T12:00:00Z',
        },
      ),
    ],
  )) as { id: string }[];
  return row;
}
