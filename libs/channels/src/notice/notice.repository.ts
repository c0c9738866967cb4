import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeReaderRow } from './notice.entity';

/**
 * The people a notice of channel `$1` expects to acknowledge it, as `(person_id, member_state)`: the
 * current members of its networks (the owner, a joint channel's partners, and for a working group or
 * direct channel the owner's partners) with an account, only the named ones in a working group, a
 * direct or a meeting's channel, its author left out (`$2`). A person bound to a member state is listed under it
 * (under each, if several), a person bound to none once, under none.
 */
const EXPECTED = `
  WITH ch AS (SELECT c.id, c.network_id, c.kind FROM channel c WHERE c.id = $1),
  nets AS (
    SELECT network_id FROM ch
    UNION SELECT cp.network_id FROM channel_partner cp WHERE cp.channel_id = $1
    UNION SELECT np.partner_id FROM network_partner np JOIN ch ON np.network_id = ch.network_id
           WHERE ch.kind IN ('GROUP', 'DIRECT', 'MEETING')
  ),
  held AS (
    SELECT m.person_id, trim(m.member_state) AS member_state
      FROM membership m CROSS JOIN ch
     WHERE m.network_id IN (SELECT network_id FROM nets)
       AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
       AND m.person_id <> $2
       AND EXISTS (SELECT 1 FROM account a WHERE a.person_id = m.person_id)
       AND (ch.kind IN ('NETWORK', 'JOINT')
            OR EXISTS (SELECT 1 FROM channel_member cm WHERE cm.channel_id = ch.id AND cm.person_id = m.person_id))
  ),
  expected AS (
    SELECT DISTINCT h.person_id, h.member_state FROM held h
     WHERE h.member_state IS NOT NULL
        OR NOT EXISTS (SELECT 1 FROM held o WHERE o.person_id = h.person_id AND o.member_state IS NOT NULL)
  )`;

@Injectable()
export class NoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async markNotice(tx: EntityManager, messageId: string, remindAfterDays: number): Promise<void> {
    await tx.query(`UPDATE channel_message SET ack_required = true, ack_remind_after_days = $2 WHERE id = $1`, [
      messageId,
      remindAfterDays,
    ]);
  }

  /** True when this call recorded the acknowledgement (false: it was recorded already). */
  async acknowledge(tx: EntityManager, messageId: string, personId: string): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO channel_message_ack (message_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING person_id`,
      [messageId, personId],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * The readers a notice expects, with their acknowledgement; only those whose person the caller may
   * see (`keys`: the caller's audience keys), or all of them for system work (`keys` null).
   */
  async readers(
    tx: EntityManager | null,
    notice: { id: string; channelId: string; authorId: string },
    keys: readonly string[] | null,
  ): Promise<NoticeReaderRow[]> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `${EXPECTED}
       SELECT e.person_id, p.name, e.member_state, k.acknowledged_at
         FROM expected e
         JOIN person p ON p.id = e.person_id
         LEFT JOIN channel_message_ack k ON k.message_id = $3 AND k.person_id = e.person_id
        WHERE CAST($4 AS text[]) IS NULL OR p.vis_keys && CAST($4 AS text[])
        ORDER BY e.member_state NULLS LAST, p.name, e.person_id`,
      [notice.channelId, notice.authorId, notice.id, keys],
    )) as { person_id: string; name: string; member_state: string | null; acknowledged_at: Date | null }[];
    return rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      memberState: r.member_state,
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    }));
  }

  /**
   * One notice whose reminder is due (posted at least its reminder days ago, not reminded, not
   * deleted), locked for the caller's transaction and skipped by any other; null when none is left.
   */
  async claimDue(tx: EntityManager): Promise<{ id: string; channelId: string; authorId: string; days: number } | null> {
    const [row] = (await tx.query(
      `SELECT id, channel_id, author_id, ack_remind_after_days FROM channel_message
        WHERE ack_required AND ack_reminded_at IS NULL AND deleted_at IS NULL
          AND created_at <= now() - make_interval(days => ack_remind_after_days)
        ORDER BY created_at, id
        LIMIT 1 FOR UPDATE SKIP LOCKED`,
    )) as { id: string; channel_id: string; author_id: string; ack_remind_after_days: number }[];
    return row
      ? { id: row.id, channelId: row.channel_id, authorId: row.author_id, days: row.ack_remind_after_days }
      : null;
  }

  /** A channel's name and network, for a reminder's text (system work). */
  async channelOf(tx: EntityManager, channelId: string): Promise<{ name: string; networkId: string }> {
    const [row] = (await tx.query(`SELECT name, network_id FROM channel WHERE id = $1`, [channelId])) as {
      name: string;
      network_id: string;
    }[];
    return { name: row.name, networkId: row.network_id };
  }

  async markReminded(tx: EntityManager, messageId: string): Promise<void> {
    await tx.query(`UPDATE channel_message SET ack_reminded_at = now() WHERE id = $1`, [messageId]);
  }
}
