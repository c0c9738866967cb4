import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedQuery, Tx } from '@enlace/core';
import {
  AccountCredentials,
  CredentialsRow,
  Profile,
  ProfileRow,
  toAccountCredentials,
  toProfile,
} from './account.entity';

const CREDENTIALS_SELECT = `SELECT a.id AS account_id, a.person_id, a.email, a.password_hash, a.is_admin,
                                  p.preferred_language, p.name, p.time_zone, p.country_code
                             FROM account a JOIN person p ON p.id = a.person_id`;

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
    return rows[0] ? toAccountCredentials(rows[0]) : null;
  }

  async findById(accountId: string, tx?: Tx): Promise<AccountCredentials | null> {
    const rows = (await (tx ?? this.dataSource.manager).query(`${CREDENTIALS_SELECT} WHERE a.id = $1`, [
      accountId,
    ])) as CredentialsRow[];
    return rows[0] ? toAccountCredentials(rows[0]) : null;
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
    const rows = await namedQuery<{ id: string }>(
      tx,
      `INSERT INTO account (person_id, email, password_hash, is_admin)
       VALUES (:personId, :email, :passwordHash, :isAdmin) RETURNING id`,
      { ...data },
    );
    return rows[0].id;
  }

  async updatePasswordHash(tx: Tx, accountId: string, passwordHash: string): Promise<void> {
    await namedQuery(tx, `UPDATE account SET password_hash = :passwordHash, updated_at = now() WHERE id = :accountId`, {
      accountId,
      passwordHash,
    });
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
    )) as ProfileRow[];
    return rows[0] ? toProfile(rows[0]) : null;
  }

  async adminExists(tx?: Tx): Promise<boolean> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT EXISTS (SELECT 1 FROM account WHERE is_admin) AS present`,
    )) as { present: boolean }[];
    return rows[0].present;
  }

  /**
   * Erasure: deletes the person's accounts; their sessions, password resets and known sign-in
   * addresses go with them (ON DELETE CASCADE). Returns the ids of the accounts deleted.
   */
  async deleteOfPerson(tx: Tx, personId: string): Promise<string[]> {
    const [rows] = (await tx.query(`DELETE FROM account WHERE person_id = $1 RETURNING id`, [personId])) as [
      { id: string }[],
      number,
    ];
    return rows.map((r) => r.id);
  }

  /** Held until the transaction ends: one process at a time decides whether to create the first administrator. */
  async lockAdminBootstrap(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ADMIN_BOOTSTRAP_LOCK]);
  }
}
