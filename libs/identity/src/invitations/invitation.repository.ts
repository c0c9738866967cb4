import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Language, namedQuery, NetworkRole, Tx } from '@enlace/core';
import { Invitation, INVITATION_COLUMNS, InvitationRow, toInvitation } from './invitation.entity';

export interface NewInvitation {
  readonly networkId: string;
  readonly email: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly language: Language;
  readonly tokenHash: Buffer;
  readonly invitedBy: string | null;
  readonly expiresAt: Date;
}

@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the earlier pending invitations of this email to this role in this network: only the newest link works. */
  async revokePending(tx: Tx, networkId: string, email: string, role: NetworkRole): Promise<string[]> {
    const [rows] = (await tx.query(
      `UPDATE invitation SET revoked_at = now()
        WHERE network_id = $1 AND email = $2 AND role = $3 AND accepted_at IS NULL AND revoked_at IS NULL
        RETURNING id`,
      [networkId, email, role],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  async create(tx: Tx, invitation: NewInvitation): Promise<Invitation> {
    const rows = await namedQuery<InvitationRow>(
      tx,
      `INSERT INTO invitation (network_id, email, role, member_state, language, token_hash, invited_by, expires_at)
       VALUES (:networkId, :email, :role, :memberState, :language, :tokenHash, :invitedBy, :expiresAt)
       RETURNING ${INVITATION_COLUMNS}`,
      { ...invitation },
    );
    return toInvitation(rows[0]);
  }

  /**
   * The invitation behind a token if it can still be accepted (not accepted, not revoked, not
   * expired). With `lock`, the row stays locked until the transaction ends, so a token is used once.
   */
  async findAcceptable(tokenHash: Buffer, options: { tx?: Tx; lock?: boolean } = {}): Promise<Invitation | null> {
    const rows = await namedQuery<InvitationRow>(
      options.tx ?? this.dataSource.manager,
      `SELECT ${INVITATION_COLUMNS} FROM invitation
        WHERE token_hash = :tokenHash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ${options.lock ? 'FOR UPDATE' : ''}`,
      { tokenHash },
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async markAccepted(tx: Tx, invitationId: string): Promise<void> {
    await namedQuery(tx, `UPDATE invitation SET accepted_at = now() WHERE id = :invitationId`, { invitationId });
  }
}
