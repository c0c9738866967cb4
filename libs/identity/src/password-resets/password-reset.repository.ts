import { Injectable } from '@nestjs/common';
import { namedQuery, Tx } from '@enlace/core';
import { PASSWORD_RESET_COLUMNS, PasswordReset, PasswordResetRow, toPasswordReset } from './password-reset.entity';

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
    const rows = await namedQuery<{ id: string }>(
      tx,
      `INSERT INTO password_reset (account_id, token_hash, expires_at) VALUES (:accountId, :tokenHash, :expiresAt)
       RETURNING id`,
      { ...data },
    );
    return rows[0].id;
  }

  /** The unused, unexpired reset behind a token, locked until the transaction ends. */
  async findUsable(tx: Tx, tokenHash: Buffer): Promise<PasswordReset | null> {
    const rows = await namedQuery<PasswordResetRow>(
      tx,
      `SELECT ${PASSWORD_RESET_COLUMNS} FROM password_reset
        WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()
          FOR UPDATE`,
      { tokenHash },
    );
    return rows[0] ? toPasswordReset(rows[0]) : null;
  }

  async markUsed(tx: Tx, id: string): Promise<void> {
    await namedQuery(tx, `UPDATE password_reset SET used_at = now() WHERE id = :id`, { id });
  }
}
