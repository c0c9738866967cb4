import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language, NetworkRole, Tx } from '@enlace/core';
import { InvitationEntity } from './invitation.entity';

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

  async create(tx: Tx, invitation: NewInvitation): Promise<InvitationEntity> {
    const entity = tx.create(InvitationEntity, { ...invitation, acceptedAt: null, revokedAt: null });
    return tx.save(entity);
  }

  /**
   * The invitation behind a token if it can still be accepted (not accepted, not revoked, not
   * expired). With `lock`, the row stays locked until the transaction ends, so a token is used once.
   */
  async findAcceptable(tokenHash: Buffer, options: { tx?: Tx; lock?: boolean } = {}): Promise<InvitationEntity | null> {
    const qb = (options.tx ?? this.dataSource.manager)
      .createQueryBuilder(InvitationEntity, 'i')
      .where('i.token_hash = :tokenHash', { tokenHash })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    if (options.lock) qb.setLock('pessimistic_write');
    const invitation = await qb.getOne();
    if (invitation?.memberState) invitation.memberState = invitation.memberState.trim();
    return invitation;
  }

  async markAccepted(tx: Tx, invitationId: string): Promise<void> {
    await tx.update(InvitationEntity, { id: invitationId }, { acceptedAt: () => 'now()' });
  }
}
