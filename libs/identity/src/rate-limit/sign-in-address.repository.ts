import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '@enlace/core';

/** The nil UUID: no account has it, so looking it up costs what looking up a real account costs. */
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/**
 * The addresses (as digests of account and address key) each account signed in from successfully,
 * with when it last did.
 */
@Injectable()
export class SignInAddressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether `accountId` signed in from `digest` within the last `days` days (one statement, even for no account). */
  async isKnown(accountId: string | null, digest: string, days: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM sign_in_address
        WHERE account_id = $1 AND address_digest = $2 AND last_success_at > now() - $3::int * interval '1 day'`,
      [accountId ?? NO_ACCOUNT, digest, days],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Records a successful sign-in from `digest`, inside the transaction that opens the session. */
  async remember(tx: Tx, accountId: string, digest: string): Promise<void> {
    await tx.query(
      `INSERT INTO sign_in_address (account_id, address_digest) VALUES ($1, $2)
       ON CONFLICT (account_id, address_digest) DO UPDATE SET last_success_at = now()`,
      [accountId, digest],
    );
  }
}
