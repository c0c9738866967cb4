import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@enlace/core';
import { addressKey } from './client-address';
import { RateLimitRepository } from './rate-limit.repository';

export interface Budget {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * One budget per account (the normalised email, whether or not an account has it) and one per
 * client address, for each guarded operation. Every attempt spends from both before anything else
 * is checked, whatever the transport (GraphQL aliases, batches, sockets).
 */
export const RATE_LIMITS = {
  signIn: {
    account: { limit: 10, windowSeconds: 15 * 60 },
    address: { limit: 50, windowSeconds: 15 * 60 },
  },
  passwordReset: {
    account: { limit: 5, windowSeconds: 60 * 60 },
    address: { limit: 20, windowSeconds: 60 * 60 },
  },
} as const satisfies Record<string, { account: Budget; address: Budget }>;

export type GuardedOperation = keyof typeof RATE_LIMITS;

@Injectable()
export class RateLimiter {
  constructor(private readonly counters: RateLimitRepository) {}

  /**
   * Spends one attempt of `operation` from the email's and the address's budgets. Throws
   * `RATE_LIMITED` (with the seconds until the later window ends) when either is exhausted. Emails
   * are hashed into the bucket name: the table never lists the addresses people tried.
   */
  async spend(operation: GuardedOperation, normalizedEmail: string, address: string): Promise<void> {
    const budgets = RATE_LIMITS[operation];
    const emailDigest = createHash('sha256').update(normalizedEmail, 'utf8').digest('base64url');
    const checks: Array<[string, Budget]> = [
      [`${operation}:account:${emailDigest}`, budgets.account],
      [`${operation}:address:${addressKey(address)}`, budgets.address],
    ];
    let retryAfter = 0;
    for (const [bucket, budget] of checks) {
      const state = await this.counters.hit(bucket, budget.windowSeconds);
      if (state.hits > budget.limit) retryAfter = Math.max(retryAfter, state.retryAfterSeconds);
    }
    if (retryAfter > 0) throw DomainError.rateLimited(retryAfter);
  }
}
