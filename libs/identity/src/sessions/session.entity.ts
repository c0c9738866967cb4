import type { ActorMembership, NetworkRole } from '@enlace/core';

/** A signed-in session. Only the SHA-256 of the token is stored. */
export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface SessionRow {
  id: string;
  account_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export const SESSION_COLUMNS = 'id, account_id, created_at, expires_at, revoked_at';

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Who a live session (or a calendar feed link: no session) belongs to, with what the request's actor needs. */
export interface SessionPrincipal {
  readonly sessionId: string | null;
  readonly accountId: string;
  readonly personId: string;
  readonly isAdmin: boolean;
  readonly name: string;
  readonly preferredLanguage: string;
  readonly memberships: ActorMembership[];
  readonly partnerNetworkIds: string[];
}

export interface PrincipalRow {
  session_id: string | null;
  account_id: string;
  person_id: string;
  is_admin: boolean;
  name: string;
  preferred_language: string;
  memberships: Array<{ networkId: string; role: NetworkRole; memberState: string | null }> | null;
  partner_network_ids: string[] | null;
}

export function toPrincipal(row: PrincipalRow): SessionPrincipal {
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
