import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorMembership, NetworkRole } from '@enlace/core';
import { SessionEntity } from './session.entity';

export interface SessionPrincipal {
  readonly sessionId: string;
  readonly accountId: string;
  readonly personId: string;
  readonly isAdmin: boolean;
  readonly name: string;
  readonly preferredLanguage: string;
  readonly memberships: ActorMembership[];
  readonly partnerNetworkIds: string[];
}

interface PrincipalRow {
  session_id: string;
  account_id: string;
  person_id: string;
  is_admin: boolean;
  name: string;
  preferred_language: string;
  memberships: Array<{ networkId: string; role: NetworkRole; memberState: string | null }> | null;
  partner_network_ids: string[] | null;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(manager: EntityManager, accountId: string, tokenHash: Buffer, expiresAt: Date): Promise<SessionEntity> {
    const session = manager.create(SessionEntity, { accountId, tokenHash, expiresAt, revokedAt: null });
    return manager.save(session);
  }

  /**
   * Everything a request needs to know about its caller, in one statement: the session (live, not
   * revoked, not expired), the account, the memberships whose term is current, and the partners of
   * those networks.
   */
  async findPrincipal(tokenHash: Buffer): Promise<SessionPrincipal | null> {
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, a.id AS account_id, a.person_id, a.is_admin, p.name, p.preferred_language,
              (SELECT json_agg(json_build_object('networkId', m.network_id, 'role', m.role, 'memberState', m.member_state))
                 FROM membership m
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS memberships,
              (SELECT array_agg(DISTINCT np.partner_id)
                 FROM membership m JOIN network_partner np ON np.network_id = m.network_id
                WHERE m.person_id = a.person_id AND m.starts_on <= current_date
                  AND (m.ends_on IS NULL OR m.ends_on > current_date)) AS partner_network_ids
         FROM session s
         JOIN account a ON a.id = s.account_id
         JOIN person p ON p.id = a.person_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    )) as PrincipalRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      accountId: row.account_id,
      personId: row.person_id,
      isAdmin: row.is_admin,
      name: row.name,
      preferredLanguage: row.preferred_language,
      memberships: (row.memberships ?? []).map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
      partnerNetworkIds: row.partner_network_ids ?? [],
    };
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.update(SessionEntity, { id: sessionId }, { revokedAt: () => 'now()' });
  }

  async revokeAllForAccount(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: () => 'now()' })
      .where('account_id = :accountId AND revoked_at IS NULL', { accountId })
      .execute();
  }
}
