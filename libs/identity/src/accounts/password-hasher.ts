import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import argon2, { type HashOptions } from 'argon2';
import { randomBytes } from 'node:crypto';

export interface PasswordHashOptions {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * argon2id with 64 MiB, 3 passes, 4 lanes (the `argon2` package's defaults, written out so that a
 * change of the library's defaults never changes ours silently). Every process uses these; a module
 * may provide `PASSWORD_HASH_OPTIONS` to use other costs (benchmarks), never weaker in production.
 */
export const DEFAULT_PASSWORD_HASH_OPTIONS: PasswordHashOptions = Object.freeze({
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
});

export const PASSWORD_HASH_OPTIONS = Symbol('PASSWORD_HASH_OPTIONS');

/**
 * Hashes and verifies passwords. `verify(null, password)` checks the password against a dummy hash
 * made once with the same costs, so that an unknown email takes as long as a wrong password.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly options: HashOptions;
  private dummyHash?: Promise<string>;

  constructor(@Optional() @Inject(PASSWORD_HASH_OPTIONS) options?: PasswordHashOptions) {
    this.options = { type: argon2.argon2id, ...(options ?? DEFAULT_PASSWORD_HASH_OPTIONS) };
  }

  /** Computes the dummy hash at start, so the first unknown email is not faster than the rest. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  /**
   * True when `password` matches `hash`. With no hash (no such account), still runs one argon2
   * verification of the same cost and answers false.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await this.dummy());
    let matches: boolean;
    try {
      matches = await argon2.verify(target, password);
    } catch {
      matches = false; // a malformed stored hash never matches
    }
    return hash !== null && matches;
  }

  /** True when a stored hash was made with other costs than today's (rehashed at the next sign-in). */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(32).toString('base64url'), this.options);
    return this.dummyHash;
  }
}
