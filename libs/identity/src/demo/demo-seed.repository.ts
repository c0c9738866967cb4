import { Injectable } from '@nestjs/common';
import type { Language, NetworkRole, TranslatableText, Tx, Visibility } from '@enlace/core';
import type { NetworkKind } from '../networks/network.entity';

/** Arbitrary constant: serialises demo seeds started at the same time against one database. */
const DEMO_SEED_LOCK_KEY = 7_305_112_012;

/** The fields of a network the demo data set owns. */
export interface DemoNetworkFields {
  readonly slug: string;
  readonly kind: NetworkKind;
  readonly name: TranslatableText;
  readonly description: TranslatableText;
  readonly defaultLanguage: Language;
  readonly workingLanguages: readonly Language[];
  readonly visibility: Visibility;
}

export interface StoredNetwork extends DemoNetworkFields {
  readonly id: string;
}

export interface StoredAccount {
  readonly accountId: string;
  readonly personId: string;
  readonly name: string;
  readonly preferredLanguage: Language;
}

export interface NewMembership {
  readonly personId: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
}

interface NetworkRow {
  id: string;
  slug: string;
  kind: NetworkKind;
  name: TranslatableText;
  description: TranslatableText;
  default_language: Language;
  working_languages: Language[];
  visibility: Visibility;
}

const NETWORK_COLUMNS = 'id, slug, kind, name, description, default_language, working_languages, visibility';

function toNetwork(row: NetworkRow): StoredNetwork {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    description: row.description,
    defaultLanguage: row.default_language,
    workingLanguages: row.working_languages,
    visibility: row.visibility,
  };
}

/**
 * The SQL of the demo seed: find-or-insert by natural keys (network slug, account email, a
 * membership's open term), each write returning only what it created or changed, so that the
 * service audits exactly those rows and a second run writes nothing.
 */
@Injectable()
export class DemoSeedRepository {
  /** Held until the transaction ends: two seeds at once run one after the other. */
  async lock(tx: Tx): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_KEY]);
  }

  async findNetworkBySlug(tx: Tx, slug: string): Promise<StoredNetwork | null> {
    const rows = (await tx.query(`SELECT ${NETWORK_COLUMNS} FROM network WHERE slug = $1`, [slug])) as NetworkRow[];
    return rows[0] ? toNetwork(rows[0]) : null;
  }

  async insertNetwork(tx: Tx, fields: DemoNetworkFields): Promise<StoredNetwork> {
    const rows = (await tx.query(
      `INSERT INTO network (slug, kind, name, description, default_language, working_languages, visibility)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
       RETURNING ${NETWORK_COLUMNS}`,
      [fields.slug, ...networkParams(fields)],
    )) as NetworkRow[];
    return toNetwork(rows[0]);
  }

  /**
   * Writes the demo's fields over a network when any of them differs (jsonb compares by value, so
   * key order does not count), bumping its version. Returns null when nothing differed.
   */
  async updateNetworkIfChanged(tx: Tx, id: string, fields: DemoNetworkFields): Promise<StoredNetwork | null> {
    const [rows] = (await tx.query(
      `UPDATE network
          SET kind = $2, name = $3::jsonb, description = $4::jsonb, default_language = $5,
              working_languages = $6::text[], visibility = $7, version = version + 1, updated_at = now()
        WHERE id = $1
          AND (kind, name, description, default_language, working_languages, visibility)
              IS DISTINCT FROM ($2, $3::jsonb, $4::jsonb, $5, $6::text[], $7)
        RETURNING ${NETWORK_COLUMNS}`,
      [id, ...networkParams(fields)],
    )) as [NetworkRow[], number];
    return rows[0] ? toNetwork(rows[0]) : null;
  }

  /** Stores a partnership in both directions; returns the directions that did not exist yet. */
  async insertPartnership(
    tx: Tx,
    networkId: string,
    partnerId: string,
  ): Promise<Array<{ networkId: string; partnerId: string }>> {
    const rows = (await tx.query(
      `INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)
       ON CONFLICT (network_id, partner_id) DO NOTHING
       RETURNING network_id, partner_id`,
      [networkId, partnerId],
    )) as Array<{ network_id: string; partner_id: string }>;
    return rows.map((r) => ({ networkId: r.network_id, partnerId: r.partner_id }));
  }

  /** The account with this email (citext: any capitalisation) and its person. */
  async findAccountByEmail(tx: Tx, email: string): Promise<StoredAccount | null> {
    const rows = (await tx.query(
      `SELECT a.id AS account_id, p.id AS person_id, p.name, p.preferred_language
         FROM account a JOIN person p ON p.id = a.person_id
        WHERE a.email = $1`,
      [email],
    )) as Array<{ account_id: string; person_id: string; name: string; preferred_language: Language }>;
    const row = rows[0];
    return row
      ? {
          accountId: row.account_id,
          personId: row.person_id,
          name: row.name,
          preferredLanguage: row.preferred_language,
        }
      : null;
  }

  async insertPerson(tx: Tx, name: string, preferredLanguage: Language): Promise<string> {
    const rows = (await tx.query(`INSERT INTO person (name, preferred_language) VALUES ($1, $2) RETURNING id`, [
      name,
      preferredLanguage,
    ])) as Array<{ id: string }>;
    return rows[0].id;
  }

  /** Sets a person's name and preferred language when they differ; true when a row changed. */
  async updatePersonIfChanged(tx: Tx, personId: string, name: string, preferredLanguage: Language): Promise<boolean> {
    const [rows] = (await tx.query(
      `UPDATE person SET name = $2, preferred_language = $3, updated_at = now()
        WHERE id = $1 AND (name, preferred_language) IS DISTINCT FROM ($2, $3)
        RETURNING id`,
      [personId, name, preferredLanguage],
    )) as [Array<{ id: string }>, number];
    return rows.length > 0;
  }

  async insertAccount(tx: Tx, personId: string, email: string, passwordHash: string): Promise<string> {
    const rows = (await tx.query(
      `INSERT INTO account (person_id, email, password_hash, is_admin) VALUES ($1, $2, $3, false) RETURNING id`,
      [personId, email, passwordHash],
    )) as Array<{ id: string }>;
    return rows[0].id;
  }

  /**
   * Opens a term unless the person already holds a current one (open, or ending in the future) with
   * this role in this network. Returns the new membership's id, or null when one was current.
   */
  async insertMembershipUnlessCurrent(tx: Tx, m: NewMembership): Promise<string | null> {
    const rows = (await tx.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, ends_on)
       SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::date, NULL
        WHERE NOT EXISTS (
          SELECT 1 FROM membership
           WHERE person_id = $1::uuid AND network_id = $2::uuid AND role = $3::text
             AND (ends_on IS NULL OR ends_on > current_date))
       ON CONFLICT (person_id, network_id, role) WHERE ends_on IS NULL DO NOTHING
       RETURNING id`,
      [m.personId, m.networkId, m.role, m.memberState, m.startsOn],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /** Row counts of the tables the seed writes, for its summary and its tests. */
  async countRows(tx: Tx): Promise<Record<string, number>> {
    const rows = (await tx.query(
      `SELECT (SELECT count(*) FROM network)::int AS networks,
              (SELECT count(*) FROM network_partner)::int AS partnerships,
              (SELECT count(*) FROM person)::int AS people,
              (SELECT count(*) FROM account)::int AS accounts,
              (SELECT count(*) FROM membership)::int AS memberships,
              (SELECT count(*) FROM audit_log)::int AS audit_entries`,
    )) as Array<Record<string, number>>;
    return rows[0];
  }
}

/** Parameters $2..$7 of the insert and the update: everything but the slug. */
function networkParams(fields: DemoNetworkFields): unknown[] {
  return [
    fields.kind,
    JSON.stringify(fields.name),
    JSON.stringify(fields.description),
    fields.defaultLanguage,
    [...fields.workingLanguages],
    fields.visibility,
  ];
}
