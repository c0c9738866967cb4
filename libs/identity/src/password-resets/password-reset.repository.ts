import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';
import { PasswordResetEntity } from './password-reset.entity';

@Injectable()
export class PasswordResetRepository {
  /** Ends every reset link of the account still outstanding (a new one replaces them; a reset uses them up). */
  async expireOutstanding(tx: Tx, accountId: string): Promise<void> {
    await tx.query(
      `UPDATE password_reset SET expires_at = now() WHERE account_id = $1 AND used_at IS NULL AND expires_at > now()`,
      [accountId],
    );
  }

  async create(tx: Tx, data: { accountId: string; tokenHash: Buffer; expiresAt: Date }): Promise<string> {
    const result = await tx.insert(PasswordResetEntity, { ...data, usedAt: null });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** The unused, unexpired reset behind a token, locked until the transaction ends. */
  async findUsable(tx: Tx, tokenHash: Buffer): Promise<PasswordResetEntity | null> {
    return tx
      .createQueryBuilder(PasswordResetEntity, 'r')
      .where('r.token_hash = :tokenHash', { tokenHash })
      .andWhere('r.used_at IS NULL AND r.expires_at > now()')
      .setLock('pessimistic_write')
      .getOne();
  }

  async markUsed(tx: Tx, id: string): Promise<void> {
    await tx.update(PasswordResetEntity, { id }, { usedAt: () => 'now()' });
  }
}
