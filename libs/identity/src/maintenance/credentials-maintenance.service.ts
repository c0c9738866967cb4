import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@enlace/core';
import { KNOWN_ADDRESS_DAYS, RATE_LIMITS } from '../rate-limit/rate-limit.service';
import { CredentialsMaintenanceRepository, PurgeCounts } from './credentials-maintenance.repository';

/** Days an expired, revoked or used credential is kept before it is deleted. */
export const CREDENTIAL_GRACE_DAYS = 30;

@Injectable()
export class CredentialsMaintenanceService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: CredentialsMaintenanceRepository,
  ) {}

  /** Idempotent: running it twice, or from two processes at once, deletes the same rows once. */
  purgeExpired(): Promise<PurgeCounts> {
    const longestWindow = Math.max(
      ...Object.values(RATE_LIMITS).flatMap((budgets) => Object.values(budgets).map((b) => b.windowSeconds)),
    );
    return this.transactions.run((tx) =>
      this.repository.purge(tx, {
        graceDays: CREDENTIAL_GRACE_DAYS,
        rateLimitWindowSeconds: longestWindow,
        knownAddressDays: KNOWN_ADDRESS_DAYS,
      }),
    );
  }
}
