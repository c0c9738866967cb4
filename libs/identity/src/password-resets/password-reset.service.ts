import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  DomainError,
  normalizeEmail,
  throwIfAny,
  TransactionRunner,
} from '@enlace/core';
import { EmailOutboxService } from '@enlace/notifications';
import { AccountRepository } from '../accounts/account.repository';
import { PasswordHasher } from '../accounts/password-hasher';
import { checkNewPassword } from '../identity-rules';
import { RateLimiter } from '../rate-limit/rate-limit.service';
import { SessionRepository } from '../sessions/session.repository';
import { hashToken, looksLikeToken, newToken } from '../sessions/session-token';
import { actingAs } from '../sessions/session.service';
import { atLeast } from './timing';
import { PasswordResetRepository } from './password-reset.repository';

export const PASSWORD_RESET_TTL_MINUTES = 60;

/**
 * Every request for a reset takes at least this long, whether the email has an account (a lookup
 * and a short transaction) or not (a lookup only), so response times do not tell them apart.
 */
export const RESET_REQUEST_MIN_MS = 250;

function invalidResetToken(): DomainError {
  return new DomainError('BAD_USER_INPUT', 'identity:invalidResetToken', {}, [
    { field: 'token', key: 'identity:invalidResetToken' },
  ]);
}

/** "Forgot your password?": a one-hour link by email, then a new password that signs out every session. */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly sessions: SessionRepository,
    private readonly outbox: EmailOutboxService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Always answers true (or RATE_LIMITED, for known and unknown emails alike). When the email has an
   * account, writes the reset (only the token's hash) and its email to the outbox in one
   * transaction; earlier links of that account stop working.
   */
  async requestPasswordReset(actor: Actor, rawEmail: string, address: string): Promise<true> {
    return atLeast<true>(RESET_REQUEST_MIN_MS, async () => {
      const email = normalizeEmail(rawEmail);
      await this.limiter.spend('passwordReset', email, address);
      const account = await this.accounts.findByEmail(email);
      if (!account) return true;
      const { token, hash } = newToken();
      const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
      await this.transactions.run(async (tx) => {
        await this.resets.expireOutstanding(tx, account.accountId);
        const resetId = await this.resets.create(tx, { accountId: account.accountId, tokenHash: hash, expiresAt });
        await this.outbox.enqueue(tx, {
          recipient: account.email,
          language: account.preferredLanguage,
          template: 'passwordReset',
          params: {
            link: `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
            name: account.name,
            expiresAt: expiresAt.toISOString(),
            timeZone: account.timeZone,
          },
          secretParams: ['link'],
          secretExpiresAt: expiresAt,
        });
        await this.audit.record(tx, actor, {
          entityType: 'account',
          entityId: account.accountId,
          action: 'requestPasswordReset',
          after: { passwordResetId: resetId, expiresAt: expiresAt.toISOString() },
        });
      });
      return true;
    });
  }

  /** Sets a new password with a reset token, uses the token up and revokes every session of the account. */
  async resetPassword(actor: Actor, input: { token: string; newPassword: string }): Promise<true> {
    const errors = checkNewPassword(input.newPassword, 'newPassword');
    throwIfAny(errors);
    if (!looksLikeToken(input.token)) throw invalidResetToken();
    const tokenHash = hashToken(input.token);
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.transactions.run(async (tx) => {
      const reset = await this.resets.findUsable(tx, tokenHash);
      if (!reset) throw invalidResetToken();
      const account = await this.accounts.findById(reset.accountId, tx);
      if (!account) throw invalidResetToken();
      await this.accounts.updatePasswordHash(tx, account.accountId, passwordHash);
      await this.resets.markUsed(tx, reset.id);
      await this.resets.expireOutstanding(tx, account.accountId);
      await this.sessions.revokeAllForAccount(tx, account.accountId);
      await this.audit.record(tx, actingAs(actor, account), {
        entityType: 'account',
        entityId: account.accountId,
        action: 'resetPassword',
        after: { passwordResetId: reset.id, sessionsRevoked: true },
      });
    });
    return true;
  }
}
