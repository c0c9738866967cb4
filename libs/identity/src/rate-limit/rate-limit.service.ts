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
 * (GraphQL aliases, batches, sockets), so parallel guesses cannot outrun a budget.
 *
 * Sign-in counts failures: a successful sign-in gives back what it spent from `account`,
 * `accountAddress` and `address`, so people who sign in often, or many colleagues behind one office
 * address, are never throttled by their own successes. `accountAddress` (one email from one address)
 * and `addressAttempts` (one address, every attempt, successes included: the work one address may
 * cause) always apply; `account` (one email, from anywhere) and `address` (one address, any email)
 * apply only to addresses that have not signed in to that account successfully within
 * `KNOWN_ADDRESS_DAYS`, so a stranger spending them cannot lock the owner out of the places they
 * sign in from, while guessing and spraying from anywhere else stay limited.
 */
export const RATE_LIMITS = {
  signIn: {
    account: { limit: 10, windowSeconds: 15 * 60 },
    accountAddress: { limit: 10, windowSeconds: 15 * 60 },
    address: { limit: 100, windowSeconds: 15 * 60 },
    addressAttempts: { limit: 1000, windowSeconds: 15 * 60 },
  },
  passwordReset: {
    account: { limit: 5, windowSeconds: 60 * 60 },
    address: { limit: 20, windowSeconds: 60 * 60 },
  },
} as const satisfies Record<
  string,
  { account: Budget; address: Budget; accountAddress?: Budget; addressAttempts?: Budget }
>;

/**
 * Budgets of public lookups that anyone may make without signing in, per client address only (there
 * is no account to name): `verifyCertificate` (GraphQL and `GET /certificates/verify/:code`), so codes
 * cannot be guessed at speed. Every lookup spends, found or not.
 */
export const PUBLIC_LIMITS = {
  verifyCertificate: { limit: 300, windowSeconds: 15 * 60 },
} as const satisfies Record<string, Budget>;

export type PublicOperation = keyof typeof PUBLIC_LIMITS;

/** What a sign-in attempt spent: given back by `RateLimiter.refundSignIn` when it succeeds. */
export interface SignInAttempt {
  readonly refundable: ReadonlyArray<{ readonly bucket: string; readonly windowStart: string }>;
}

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

  /** Spends one public lookup of `operation` from the address's budget; `RATE_LIMITED` once it is spent. */
  async spendPublic(operation: PublicOperation, address: string): Promise<void> {
    const retryAfter = await this.hitAll([[`${operation}:address:${addressKey(address)}`, PUBLIC_LIMITS[operation]]]);
    if (retryAfter > 0) throw DomainError.rateLimited(retryAfter);
  }

  /**
   * Spends one sign-in attempt at `normalizedEmail` (whose account is `accountId`, or null when it
   * has none) from `address`, before the password is checked. Throws `RATE_LIMITED` when the
   * email-and-address or the address's attempts budget is spent, or when the email's or the
   * address's failure budget is spent and the address never signed in to the account. The same
   * statements run whether or not the email has an account. A caller whose attempt succeeds passes
   * the result to `refundSignIn`.
   */
  async spendSignIn(normalizedEmail: string, address: string, accountId: string | null): Promise<SignInAttempt> {
    const budgets = RATE_LIMITS.signIn;
    const email = emailDigest(normalizedEmail);
    const key = addressKey(address);
    const account = await this.hit(`signIn:account:${email}`, budgets.account);
    const pair = await this.hit(`signIn:accountAddress:${email}:${key}`, budgets.accountAddress);
    const fromAddress = await this.hit(`signIn:address:${key}`, budgets.address);
    const attempts = await this.hit(`signIn:addressAttempts:${key}`, budgets.addressAttempts);
    const hard = Math.max(pair.retryAfter, attempts.retryAfter);
    const soft = Math.max(account.retryAfter, fromAddress.retryAfter);
    if (hard > 0) throw DomainError.rateLimited(Math.max(hard, soft));
    if (soft > 0) {
      const known = await this.knownAddresses.isKnown(
        accountId,
        knownAddressDigest(accountId, address),
        KNOWN_ADDRESS_DAYS,
      );
      if (!known) throw DomainError.rateLimited(soft);
    }
    return { refundable: [account, pair, fromAddress].map(({ bucket, windowStart }) => ({ bucket, windowStart })) };
  }

  /** Gives back a successful attempt's hits of the failure budgets (after its session is committed). */
  async refundSignIn(attempt: SignInAttempt): Promise<void> {
    for (const { bucket, windowStart } of attempt.refundable) await this.counters.refund(bucket, windowStart);
  }

  /** Records that `address` signed in to `accountId`, in the transaction that opens the session. */
  rememberSignIn(tx: Tx, accountId: string, address: string): Promise<void> {
    return this.knownAddresses.remember(tx, accountId, knownAddressDigest(accountId, address));
  }

  /** Hits every bucket; the seconds until the latest exhausted one's window ends, 0 when none is. */
  private async hitAll(checks: Array<[string, Budget]>): Promise<number> {
    let retryAfter = 0;
    for (const [bucket, budget] of checks)
      retryAfter = Math.max(retryAfter, (await this.hit(bucket, budget)).retryAfter);
    return retryAfter;
  }

  /** Hits one bucket: its window, and the seconds until that window ends when the budget is spent (else 0). */
  private async hit(
    bucket: string,
    budget: Budget,
  ): Promise<{ bucket: string; windowStart: string; retryAfter: number }> {
    const state = await this.counters.hit(bucket, budget.windowSeconds);
    return {
      bucket,
      windowStart: state.windowStart,
      retryAfter: state.hits > budget.limit ? state.retryAfterSeconds : 0,
    };
  }
}
