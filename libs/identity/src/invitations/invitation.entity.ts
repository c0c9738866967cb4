import type { Language, NetworkRole } from '@enlace/core';

/** An invitation to a network with a role. Only the SHA-256 of its token is stored. */
export interface Invitation {
  readonly id: string;
  readonly networkId: string;
  readonly email: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly language: Language;
  readonly invitedBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface InvitationRow {
  id: string;
  network_id: string;
  email: string;
  role: NetworkRole;
  member_state: string | null;
  language: Language;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export const INVITATION_COLUMNS = `id, network_id, email, role, member_state, language, invited_by, created_at, expires_at,
  accepted_at, revoked_at`;

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    networkId: row.network_id,
    email: row.email,
    role: row.role,
    memberState: row.member_state?.trim() ?? null,
    language: row.language,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  };
}
