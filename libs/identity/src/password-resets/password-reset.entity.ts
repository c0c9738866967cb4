/** A "forgot your password?" link. Only the SHA-256 of its token is stored. */
export interface PasswordReset {
  readonly id: string;
  readonly accountId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface PasswordResetRow {
  id: string;
  account_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export const PASSWORD_RESET_COLUMNS = 'id, account_id, created_at, expires_at, used_at';

export function toPasswordReset(row: PasswordResetRow): PasswordReset {
  return {
    id: row.id,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}
