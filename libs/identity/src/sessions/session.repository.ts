import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedQuery, prepared, PreparedStatement, preparedQuery, Tx } from '@enlace/core';
import {
  PrincipalRow,
  Session,
  SESSION_COLUMNS,
  SessionPrincipal,
  SessionRow,
  toPrincipal,
  toSession,
} from './session.entity';

/**
 * The caller of every request and live event: the session (live, not revoked, not expired), the
 * account, the memberships whose term is current and the partners of those networks. Prepared (run
 * by name), since every request pays for it.
 */
/** Who a principal is, given an `account a` and its `person p` (sessions and calendar feeds alike). */
export const PRINCIPAL_COLUMNS = `a.id AS account_id, a.person_id, a.is_admin, p.name, p.preferred_language,
          (SELECT json_agg(json_build_object('networkId', m.network_id, 'role', m.role, 'memberState', m.member_state))
             FROM membership m
            WHERE m.person_id = a.person_id AND m.starts_on <= current_date
              AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS memberships,
          (SELECT array_agg(DISTINCT np.partner_id)
             FROM membership m JOIN network_partner np ON np.network_id = m.network_id
            WHERE m.person_id = a.person_id AND m.starts_on <= current_date
              AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS partner_network_ids`;

const principalWhere = (condition: string) =>
  `SELECT s.id AS session_id, ${PRINCIPAL_COLUMNS}
     FROM session s
     JOIN account a ON a.id = s.account_id
     JOIN person p ON p.id = a.person_id
    WHERE ${condition} AND s.revoked_at IS NULL AND s.expires_at > now()`;

const PRINCIPAL_BY_TOKEN = prepared('identity_principal_by_token', principalWhere('s.token_hash = $1'));
const PRINCIPAL_BY_SESSION = prepared('identity_principal_by_session', principalWhere('s.id = $1'));

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(tx: Tx, accountId: string, tokenHash: Buffer, expiresAt: Date): Promise<Session> {
    const rows = await namedQuery<SessionRow>(
      tx,
      `INSERT INTO session (account_id, token_hash, expires_at) VALUES (:accountId, :tokenHash, :expiresAt)
       RETURNING ${SESSION_COLUMNS}`,
      { accountId, tokenHash, expiresAt },
    );
    return toSession(rows[0]);
  }

  /**
   * Everything a request needs to know about its caller, in one statement: the session (live, not
   * revoked, not expired), the account, the memberships whose term is current, and the partners of
   * those networks.
   */
  findPrincipal(tokenHash: Buffer): Promise<SessionPrincipal | null> {
    return this.principal(PRINCIPAL_BY_TOKEN, tokenHash);
  }

  /** The same, by session id: what a live socket keeps instead of its token. */
  findPrincipalBySession(sessionId: string): Promise<SessionPrincipal | null> {
    return this.principal(PRINCIPAL_BY_SESSION, sessionId);
  }

  private async principal(statement: PreparedStatement, value: Buffer | string): Promise<SessionPrincipal | null> {
    const rows = await preparedQuery<PrincipalRow>(this.dataSource, statement, [value]);
    return rows[0] ? toPrincipal(rows[0]) : null;
  }

  async revoke(tx: Tx, sessionId: string): Promise<void> {
    await namedQuery(tx, `UPDATE session SET revoked_at = now() WHERE id = :sessionId`, { sessionId });
  }

  /** Signs the account out everywhere: its sessions and its calendar feed links. */
  async revokeAllForAccount(tx: Tx, accountId: string): Promise<void> {
    await namedQuery(tx, `UPDATE session SET revoked_at = now() WHERE account_id = :accountId AND revoked_at IS NULL`, {
      accountId,
    });
    await namedQuery(
      tx,
      `UPDATE calendar_feed SET revoked_at = now() WHERE account_id = :accountId AND revoked_at IS NULL`,
      { accountId },
    );
  }
}
