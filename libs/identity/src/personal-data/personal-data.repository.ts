import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/**
 * What identity holds about one person, for their own export: the account (never its password
 * hash), sessions, password-reset requests, when their known addresses last signed in (never the
 * addresses' digests), and the invitations addressed to their account's email or sent by them
 * (never a token or its hash).
 */
@Injectable()
export class IdentityPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const rows = async (sql: string) => (await tx.query(sql, [personId])) as Record<string, unknown>[];
    const invitationColumns = `i.id, n.slug AS network, i.role, i.member_state AS "memberState", i.language,
      i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"`;
    return {
      account:
        (
          await rows(`SELECT email, is_admin AS "isAdmin", created_at AS "createdAt" FROM account WHERE person_id = $1`)
        )[0] ?? null,
      sessions: await rows(
        `SELECT s.created_at AS "createdAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt"
         FROM session s JOIN account a ON a.id = s.account_id WHERE a.person_id = $1 ORDER BY s.created_at`,
      ),
      passwordResets: await rows(
        `SELECT r.created_at AS "createdAt", r.expires_at AS "expiresAt", r.used_at AS "usedAt"
         FROM password_reset r JOIN account a ON a.id = r.account_id WHERE a.person_id = $1 ORDER BY r.created_at`,
      ),
      knownAddresses: await rows(
        `SELECT k.last_success_at AS "lastSignInAt"
         FROM sign_in_address k JOIN account a ON a.id = k.account_id WHERE a.person_id = $1 ORDER BY k.last_success_at`,
      ),
      invitations: {
        received: await rows(
          `SELECT ${invitationColumns} FROM invitation i JOIN network n ON n.id = i.network_id
           WHERE i.email = (SELECT email FROM account WHERE person_id = $1) ORDER BY i.created_at, i.id`,
        ),
        sent: await rows(
          `SELECT ${invitationColumns}, i.email FROM invitation i JOIN network n ON n.id = i.network_id
           WHERE i.invited_by = $1 ORDER BY i.created_at, i.id`,
        ),
      },
    };
  }
}
