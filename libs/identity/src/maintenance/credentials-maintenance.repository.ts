import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

export interface PurgeCounts {
  readonly sessions: number;
  readonly passwordResets: number;
  readonly invitations: number;
  readonly rateLimitWindows: number;
  readonly signInAddresses: number;
}

const affected = (result: unknown): number => (Array.isArray(result) ? Number(result[1] ?? 0) : 0);

@Injectable()
export class CredentialsMaintenanceRepository {
  /**
   * Deletes credentials nobody can use any more, keeping a grace period so that recent history
   * (a just-expired session, an accepted invitation) stays visible to administrators.
   */
  async purge(
    tx: Tx,
    options: { graceDays: number; rateLimitWindowSeconds: number; knownAddressDays: number },
  ): Promise<PurgeCounts> {
    const grace = `$1::int * interval '1 day'`;
    const sessions = await tx.query(
      `DELETE FROM session WHERE expires_at < now() - ${grace} OR revoked_at < now() - ${grace}`,
      [options.graceDays],
    );
    const passwordResets = await tx.query(
      `DELETE FROM password_reset WHERE expires_at < now() - ${grace} OR used_at < now() - ${grace}`,
      [options.graceDays],
    );
    // Accepted invitations are the record of how someone joined: they stay.
    const invitations = await tx.query(
      `DELETE FROM invitation WHERE accepted_at IS NULL AND (expires_at < now() - ${grace} OR revoked_at < now() - ${grace})`,
      [options.graceDays],
    );
    const rateLimitWindows = await tx.query(
      `DELETE FROM rate_limit WHERE window_start < now() - $1::int * interval '1 second'`,
      [options.rateLimitWindowSeconds],
    );
    // An address not signed in from for this long is a stranger again (docs/decisions/0010).
    const signInAddresses = await tx.query(
      `DELETE FROM sign_in_address WHERE last_success_at < now() - $1::int * interval '1 day'`,
      [options.knownAddressDays],
    );
    return {
      sessions: affected(sessions),
      passwordResets: affected(passwordResets),
      invitations: affected(invitations),
      rateLimitWindows: affected(rateLimitWindows),
      signInAddresses: affected(signInAddresses),
    };
  }
}
