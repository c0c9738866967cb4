import { Inject, Injectable } from '@nestjs/common';
import {
  anonymousActor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  normalizeEmail,
  TransactionRunner,
} from '@enlace/core';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { PasswordHasher } from './password-hasher';

/**
 * - `disabled`: ADMIN_EMAIL / ADMIN_PASSWORD are not set;
 * - `exists`: an administrator already exists (nothing changed);
 * - `created`: the administrator was created now;
 * - `emailTaken`: no administrator exists, but ADMIN_EMAIL belongs to an ordinary account, which is
 *   left as it is (an environment variable never grants rights to, or resets the password of, an
 *   account somebody already uses); an operator must pick another address.
 */
export type BootstrapAdminOutcome = 'disabled' | 'exists' | 'created' | 'emailTaken';

/** SPEC §5: on first start, the administrator named by ADMIN_EMAIL / ADMIN_PASSWORD is created. */
@Injectable()
export class BootstrapAdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountRepository,
    private readonly accountService: AccountService,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Idempotent and safe when several processes start at once: the decision is taken under a
   * transaction-scoped advisory lock, after the password was hashed outside it.
   */
  async ensureAdmin(): Promise<BootstrapAdminOutcome> {
    const admin = this.config.admin;
    if (!admin) return 'disabled';
    if (await this.accounts.adminExists()) return 'exists';
    const email = normalizeEmail(admin.email);
    const passwordHash = await this.hasher.hash(admin.password);
    return this.transactions.run(async (tx) => {
      await this.accounts.lockAdminBootstrap(tx);
      if (await this.accounts.adminExists(tx)) return 'exists';
      await this.accounts.lockEmail(tx, email);
      if (await this.accounts.findByEmail(email, tx)) return 'emailTaken';
      const created = await this.accountService.createPersonWithAccount(tx, {
        name: email.split('@')[0],
        preferredLanguage: 'en',
        email,
        passwordHash,
        isAdmin: true,
      });
      await this.audit.record(tx, anonymousActor('en'), {
        entityType: 'account',
        entityId: created.accountId,
        action: 'bootstrapAdmin',
        after: { personId: created.personId, email, isAdmin: true },
      });
      return 'created';
    });
  }
}
