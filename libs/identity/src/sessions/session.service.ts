import { Injectable } from '@nestjs/common';
import { Actor, AuditRepository, DomainError, LiveBus, normalizeEmail, TransactionRunner, Tx } from '@enlace/core';
import type { AccountCredentials } from '../accounts/account.entity';
import { AccountRepository } from '../accounts/account.repository';
import { PasswordHasher } from '../accounts/password-hasher';
import { RateLimiter } from '../rate-limit/rate-limit.service';
import { newToken } from './session-token';
import { SessionRepository } from './session.repository';

export const SESSION_TTL_DAYS = 30;

/** What a successful sign-in (or invitation acceptance) gives the client. */
export interface SignInResult {
  /** The bearer token; shown once, only its hash is stored. */
  readonly token: string;
  readonly expiresAt: Date;
  readonly personId: string;
  readonly accountId: string;
}

/** Wrong password and unknown email are one and the same error, word for word. */
export function invalidCredentials(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'identity:invalidCredentials');
}

/** The actor in whose name a person's own sign-in (or acceptance) is audited. */
export function actingAs(actor: Actor, account: { personId: string; accountId: string }): Actor {
  return { ...actor, personId: account.personId, accountId: account.accountId };
}

@Injectable()
export class SessionService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
  ) {}

  /**
   * Signs in with email and password from `address`. One lookup, then the attempt is counted against
   * the sign-in budgets (`RateLimiter.spendSignIn`), then one argon2 verification, whether or not the
   * email has an account, so neither the answer nor its timing says which emails exist. A success
   * gives its attempt back (only failures count) and makes `address` known to the account (it then
   * passes the account's and the address's failure budgets).
   */
  async signIn(actor: Actor, input: { email: string; password: string }, address: string): Promise<SignInResult> {
    const email = normalizeEmail(input.email);
    const account = await this.accounts.findByEmail(email);
    const attempt = await this.limiter.spendSignIn(email, address, account?.accountId ?? null);
    const matches = await this.hasher.verify(account?.passwordHash ?? null, input.password);
    if (!account || !matches) throw invalidCredentials();
    const rehash = this.hasher.needsRehash(account.passwordHash) ? await this.hasher.hash(input.password) : null;
    const result = await this.transactions.run(async (tx) => {
      if (rehash) await this.accounts.updatePasswordHash(tx, account.accountId, rehash);
      await this.limiter.rememberSignIn(tx, account.accountId, address);
      return this.open(tx, actingAs(actor, account), account, 'signIn');
    });
    // Signed in: the attempt was no failure, and failures are what the budgets count.
    await this.limiter.refundSignIn(attempt);
    return result;
  }

  /** Revokes the caller's current session (the token stops working at once, on every transport). */
  async signOut(actor: Actor): Promise<boolean> {
    const sessionId = actor.sessionId;
    if (actor.personId === null || sessionId === null) throw DomainError.unauthenticated();
    await this.transactions.run(async (tx) => {
      await this.sessions.revoke(tx, sessionId);
      await this.audit.record(tx, actor, { entityType: 'session', entityId: sessionId, action: 'signOut' });
    });
    // Committed: the session's open sockets close now, on every process.
    this.live.publish({ kind: 'disconnect', target: { sessionId } });
    return true;
  }

  /** Opens a session inside the caller's transaction (sign-in, invitation acceptance). */
  async open(
    tx: Tx,
    actor: Actor,
    account: Pick<AccountCredentials, 'accountId' | 'personId'>,
    reason: 'signIn' | 'acceptInvitation',
  ): Promise<SignInResult> {
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_DAYS * 24 * 60 * 60 * 1000);
    const session = await this.sessions.create(tx, account.accountId, hash, expiresAt);
    await this.audit.record(tx, actor, {
      entityType: 'session',
      entityId: session.id,
      action: reason,
      after: { accountId: account.accountId, expiresAt: expiresAt.toISOString() },
    });
    return { token, expiresAt, personId: account.personId, accountId: account.accountId };
  }
}
