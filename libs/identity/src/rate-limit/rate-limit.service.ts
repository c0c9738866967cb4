import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError, Tx } from '@enlace/core';
import { addressKey } from './client-address';
import { RateLimitRepository } from './rate-limit.repository';
import { SignInAddressRepository } from './sign-in-address.repository';

export interface Budget {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Budgets per guarded operation (docs/decisions/0010-sign-in-rate-limits.md). Accounts are named by
 * the normalised email, whether or not an account has it; addresses by `addressKey`. Every attempt
 * spends from every budget of its operation before anything else is checked, whatever the transport
 * (GraphQL aliases, batches, sockets).
 *
 * Sign-in: `accountAddress` (one email from one address) and `address` (one address, any email)
 * always apply; `account` (one email, from anywhere) applies only to addresses that have not signed
 * in to that account successfully within `KNOWN_ADDRESS_DAYS`, so a stranger spending it cannot lock
 * the owner out of the places they sign in from, while spraying from fresh addresses stays limited.
 */
export const RATE_LIMITS = {
  signIn: {
    account: { limit: 10, windowSeconds: 15 * 60 },
    accountAddress: { limit: 10, windowSeconds: 15 * 60 },
    address: { limit: 50, windowSeconds: 15 * 60 },
  },
  passwordReset: {
    account: { limit: 5, windowSeconds: 60 * 60 },
    address: { limit: 20, windowSeconds: 60 * 60 },
  },
} as const satisfies Record<string, { account: Budget; address: Budget; accountAddress?: Budget }>;

/** How long a successful sign-in keeps an address known to the account (renewed by each success). */
export const KNOWN_ADDRESS_DAYS = 90;

export type GuardedOperation = keyof typeof RATE_LIMITS;

/** Emails are hashed into bucket names: the table never lists the addresses people tried. */
function emailDigest(normalizedEmail: string): string {
  return createHash('sha256').update(normalizedEmail, 'utf8').digest('base64url');
}

/** An account's address as stored among its known addresses: a digest, never the address. */
function knownAddressDigest(accountId: string | null, address: string): string {
  return createHash('sha256')
    .update(`${accountId ?? ''}\n${addressKey(address)}`, 'utf8')
    .digest('base64url');
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly counters: RateLimitRepository,
    private readonly knownAddresses: SignInAddressRepository,
  ) {}

  /**
   * Spends one attempt of `operation` from the email's and the address's budgets. Throws
   * `RATE_LIMITED` (with the seconds until the later window ends) when either is exhausted.
   */
  async spend(operation: Exclude<GuardedOperation, 'signIn'>, normalizedEmail: string, address: string): Promise<void> {
    const budgets = RATE_LIMITS[operation];
    const retryAfter = await this.hitAll([
      [`${operation}:account:${emailDigest(normalizedEmail)}`, budgets.account],
      [`${operation}:address:${addressKey(address)}`, budgets.address],
    ]);
    if (retryAfter > 0) throw DomainError.rateLimited(retryAfter);
  }

  /**
   * Spends one sign-in attempt at `normalizedEmail` (whose account is `accountId`, or null when it
   * has none) from `address`. Throws `RATE_LIMITED` when the email-and-address or the address budget
   * is spent, or when the email's budget is spent and the address never signed in to the account.
   * The same statements run whether or not the email has an account.
   */
  async spendSignIn(normalizedEmail: string, address: string, accountId: string | null): Promise<void> {
    const budgets = RATE_LIMITS.signIn;
    const email = emailDigest(normalizedEmail);
    const key = addressKey(address);
    const account = await this.hitAll([[`signIn:account:${email}`, budgets.account]]);
    const retryAfter = await this.hitAll([
      [`signIn:accountAddress:${email}:${key}`, budgets.accountAddress],
      [`signIn:address:${key}`, budgets.address],
    ]);
    if (retryAfter > 0) throw DomainError.rateLimited(Math.max(retryAfter, account));
    if (account === 0) return;
    const known = await this.knownAddresses.isKnown(
      accountId,
      knownAddressDigest(accountId, address),
      KNOWN_ADDRESS_DAYS,
    );
    if (!known) throw DomainError.rateLimited(account);
  }

  /** Records that `address` signed in to `accountId`, in the transaction that opens the session. */
  rememberSignIn(tx: Tx, accountId: string, address: string): Promise<void> {
    return this.knownAddresses.remember(tx, accountId, knownAddressDigest(accountId, address));
  }

  /** Hits every bucket; the seconds until the latest exhausted one's window ends, 0 when none is. */
  private async hitAll(checks: Array<[string, Budget]>): Promise<number> {
    let retryAfter = 0;
    for (const [bucket, budget] of checks) {
      const state = await this.counters.hit(bucket, budget.windowSeconds);
      if (state.hits > budget.limit) retryAfter = Math.max(retryAfter, state.retryAfterSeconds);
    }
    return retryAfter;
  }
}
