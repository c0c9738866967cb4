import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language, NetworkRole, Tx } from '@enlace/core';
import { AccountEntity } from './account.entity';

export interface AccountCredentials {
  readonly accountId: string;
  readonly personId: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly preferredLanguage: Language;
  readonly name: string;
}

export interface ProfileMembership {
  readonly id: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** A signed-in person's own record. */
export interface Profile {
  readonly personId: string;
  readonly accountId: string;
  readonly name: string;
  readonly email: string;
  readonly preferredLanguage: Language;
  readonly isAdmin: boolean;
  /** Current and upcoming terms (not those that have ended), oldest first. */
  readonly memberships: readonly ProfileMembership[];
}

interface CredentialsRow {
  account_id: string;
  person_id: string;
  email: string;
  password_hash: string;
  is_admin: boolean;
  preferred_language: Language;
  name: string;
}

const CREDENTIALS_SELECT = `SELECT a.id AS account_id, a.person_id, a.email, a.password_hash, a.is_admin,
                                  p.preferred_language, p.name
                             FROM account a JOIN person p ON p.id = a.person_id`;

function toCredentials(row: CredentialsRow | undefined): AccountCredentials | null {
  if (!row) return null;
  return {
    accountId: row.account_id,
    personId: row.person_id,
    email: row.email,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin,
    preferredLanguage: row.preferred_language,
    name: row.name,
  };
}

/** Advisory-lock namespace for "the first administrator is being created" (any constant works). */
const ADMIN_BOOTSTRAP_LOCK = 7_305_112_002;

@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account with this email (case-insensitive), or null. Same single query whatever the answer. */
  async findByEmail(email: string, tx?: Tx): Promise<AccountCredentials | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(`${CREDENTIALS_SELECT} WHERE a.email = $1`, [
      email,
    ])) as CredentialsRow[];
    return toCredentials(rows[0]);
  }

  async findById(accountId: string, tx?: Tx): Promise<AccountCredentials | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(`${CREDENTIALS_SELECT} WHERE a.id = $1`, [
      accountId,
    ])) as CredentialsRow[];
    return toCredentials(rows[0]);
  }

  /**
   * Serialises account creation for one email until the transaction ends (two invitations for the
   * same address accepted at once create one account, not a unique-violation error).
   */
  async lockEmail(tx: Tx, email: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('account-email:' || lower($1), 0))`, [email]);
  }

  /** The account of a person the directory has just created; returns its id. */
  async insert(
    tx: Tx,
    data: { personId: string; email: string; passwordHash: string; isAdmin: boolean },
  ): Promise<string> {
    const account = await tx.insert(AccountEntity, {
      personId: data.personId,
      email: data.email,
      passwordHash: data.passwordHash,
      isAdmin: data.isAdmin,
    });
    return (account.identifiers[0] as { id: string }).id;
  }

  async updatePasswordHash(tx: Tx, accountId: string, passwordHash: string): Promise<void> {
    await tx.update(AccountEntity, { id: accountId }, { passwordHash });
  }

  async findProfile(personId: string, tx?: Tx): Promise<Profile | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT p.id AS person_id, a.id AS account_id, p.name, a.email, p.preferred_language, a.is_admin,
              COALESCE((SELECT json_agg(json_build_object(
                                 'id', m.id, 'networkId', m.network_id, 'role', m.role,
                                 'memberState', m.member_state, 'startsOn', m.starts_on, 'endsOn', m.ends_on)
                               ORDER BY m.starts_on, m.created_at, m.id)
                          FROM membership m
                         WHERE m.person_id = p.id AND (m.ends_on IS NULL OR m.ends_on > current_date)),
                       '[]'::json) AS memberships
         FROM person p JOIN account a ON a.person_id = p.id
        WHERE p.id = $1`,
      [personId],
    )) as {
      person_id: string;
      account_id: string;
      name: string;
      email: string;
      preferred_language: Language;
      is_admin: boolean;
      memberships: ProfileMembership[];
    }[];
    const row = rows[0];
    if (!row) return null;
    return {
      personId: row.person_id,
      accountId: row.account_id,
      name: row.name,
      email: row.email,
      preferredLanguage: row.preferred_language,
      isAdmin: row.is_admin,
      memberships: row.memberships.map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
    };
  }

  async adminExists(tx?: Tx): Promise<boolean> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT EXISTS (SELECT 1 FROM account WHERE is_admin) AS present`,
    )) as { present: boolean }[];
    return rows[0].present;
  }

  /** Held until the transaction ends: one process at a time decides whether to create the first administrator. */
  async lockAdminBootstrap(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ADMIN_BOOTSTRAP_LOCK]);
  }
}
