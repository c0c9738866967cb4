import { Injectable } from '@nestjs/common';
import type { Language, Tx } from '@enlace/core';

/** Arbitrary constant: serialises demo seeds started at the same time against one database. */
const DEMO_SEED_LOCK_KEY = 7_305_112_012;

export interface StoredAccount {
  readonly accountId: string;
  readonly personId: string;
  readonly name: string;
  readonly preferredLanguage: Language;
}

/**
 * The demo seed's own SQL: its lock, accounts found by email or inserted, and the row counts of its
 * summary. Networks, people and memberships are written through the directory's services.
 */
@Injectable()
export class DemoSeedRepository {
  /** Held until the transaction ends: two seeds at once run one after the other. */
  async lock(tx: Tx): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_KEY]);
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

  async insertAccount(tx: Tx, personId: string, email: string, passwordHash: string): Promise<string> {
    const rows = (await tx.query(
      `INSERT INTO account (person_id, email, password_hash, is_admin) VALUES ($1, $2, $3, false) RETURNING id`,
      [personId, email, passwordHash],
    )) as Array<{ id: string }>;
    return rows[0].id;
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
