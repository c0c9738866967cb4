import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { namedQuery, prepared, preparedQuery, Tx } from '@enlace/core';
import { PrincipalRow, SessionPrincipal, toPrincipal } from '../sessions/session.entity';
import { PRINCIPAL_COLUMNS } from '../sessions/session.repository';

const PRINCIPAL_BY_FEED = prepared(
  'identity_principal_by_calendar_feed',
  `SELECT NULL::uuid AS session_id, ${PRINCIPAL_COLUMNS}
     FROM calendar_feed f
     JOIN account a ON a.id = f.account_id
     JOIN person p ON p.id = a.person_id
    WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND p.erased_at IS NULL`,
);

@Injectable()
export class CalendarFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the account's current link and stores a new one. */
  async replace(tx: Tx, accountId: string, tokenHash: Buffer): Promise<Date> {
    await this.revokeAll(tx, accountId);
    const [row] = await namedQuery<{ created_at: Date }>(
      tx,
      `INSERT INTO calendar_feed (account_id, token_hash) VALUES (:accountId, :tokenHash) RETURNING created_at`,
      { accountId, tokenHash },
    );
    return row.created_at;
  }

  async revokeAll(tx: Tx, accountId: string): Promise<number> {
    const rows = await namedQuery(
      tx,
      `WITH revoked AS (UPDATE calendar_feed SET revoked_at = now()
                         WHERE account_id = :accountId AND revoked_at IS NULL RETURNING id)
       SELECT id FROM revoked`,
      { accountId },
    );
    return rows.length;
  }

  /** Who a feed link belongs to, as of now (current memberships); null when unknown or revoked. */
  async principal(tokenHash: Buffer): Promise<SessionPrincipal | null> {
    const rows = await preparedQuery<PrincipalRow>(this.dataSource, PRINCIPAL_BY_FEED, [tokenHash]);
    return rows[0] ? toPrincipal(rows[0]) : null;
  }
}
