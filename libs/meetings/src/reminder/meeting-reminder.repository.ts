import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Language, TranslatableText } from '@enlace/core';

export const REMINDERS = ['DAY_BEFORE', 'HOUR_BEFORE', 'RSVP_CHASE', 'CLOSE_MEETING'] as const;
export type Reminder = (typeof REMINDERS)[number];

/** A meeting a reminder is due for, with who should hear it (in their language). */
export interface DueReminder {
  readonly meetingId: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly networkName: TranslatableText;
  readonly title: TranslatableText;
  readonly startsAt: Date;
  readonly timeZone: string;
}

export interface ReminderRecipient {
  readonly personId: string;
  readonly language: Language;
}

/**
 * When each reminder is due (as SQL over meeting `mt`, against the database's clock): within a day
 * and within an hour of a scheduled meeting's start (a meeting scheduled at short notice gets the
 * nearer one only), within a week of it (but more than a day) for answers still pending, and 14 days
 * after a meeting was held while its minutes are still not approved.
 */
const DUE: Record<Reminder, string> = {
  DAY_BEFORE: `mt.status = 'SCHEDULED' AND mt.starts_at > now() + interval '1 hour' AND mt.starts_at <= now() + interval '24 hours'`,
  HOUR_BEFORE: `mt.status = 'SCHEDULED' AND mt.starts_at > now() AND mt.starts_at <= now() + interval '1 hour'`,
  RSVP_CHASE: `mt.status = 'SCHEDULED' AND mt.starts_at > now() + interval '24 hours' AND mt.starts_at <= now() + interval '7 days'`,
  CLOSE_MEETING: `mt.status = 'HELD' AND mt.ends_at <= now() - interval '14 days'
    AND NOT EXISTS (SELECT 1 FROM meeting_minutes mm WHERE mm.meeting_id = mt.id AND mm.status = 'APPROVED')`,
};

/** Who hears each reminder: the invitees who accepted, those who have not answered, or the organisers. */
const RECIPIENTS: Record<Reminder, string> = {
  DAY_BEFORE: `SELECT p.id, p.preferred_language FROM meeting_invitee i JOIN person p ON p.id = i.person_id
                WHERE i.meeting_id = $1 AND i.response = 'ACCEPTED' AND p.erased_at IS NULL`,
  HOUR_BEFORE: `SELECT p.id, p.preferred_language FROM meeting_invitee i JOIN person p ON p.id = i.person_id
                 WHERE i.meeting_id = $1 AND i.response = 'ACCEPTED' AND p.erased_at IS NULL`,
  RSVP_CHASE: `SELECT p.id, p.preferred_language FROM meeting_invitee i JOIN person p ON p.id = i.person_id
                WHERE i.meeting_id = $1 AND i.response = 'PENDING' AND p.erased_at IS NULL`,
  CLOSE_MEETING: `SELECT DISTINCT p.id, p.preferred_language FROM meeting mt
                    JOIN membership m ON m.network_id = mt.network_id AND m.role = 'SECRETARIAT'
                     AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
                    JOIN person p ON p.id = m.person_id
                   WHERE mt.id = $1 AND p.erased_at IS NULL`,
};

@Injectable()
export class MeetingReminderRepository {
  /** Meetings `reminder` is due for and has not been sent for (at their current start). */
  async due(tx: EntityManager, reminder: Reminder, limit: number): Promise<DueReminder[]> {
    const rows = (await tx.query(
      `SELECT mt.id, mt.network_id, n.default_language, n.name AS network_name, mt.title, mt.starts_at, mt.time_zone
         FROM meeting mt JOIN network n ON n.id = mt.network_id
        WHERE ${DUE[reminder]}
          AND NOT EXISTS (SELECT 1 FROM meeting_reminder r
                           WHERE r.meeting_id = mt.id AND r.reminder = $1 AND r.starts_at = mt.starts_at)
        ORDER BY mt.starts_at, mt.id LIMIT $2`,
      [reminder, limit],
    )) as {
      id: string;
      network_id: string;
      default_language: Language;
      network_name: TranslatableText;
      title: TranslatableText;
      starts_at: Date;
      time_zone: string;
    }[];
    return rows.map((r) => ({
      meetingId: r.id,
      networkId: r.network_id,
      networkLanguage: r.default_language,
      networkName: r.network_name,
      title: r.title,
      startsAt: new Date(r.starts_at),
      timeZone: r.time_zone,
    }));
  }

  /**
   * Claims the reminder of one meeting at its start, under the row's lock: false when another process
   * (or an earlier try of this slot) has sent it already. The claim commits with the notifications.
   */
  async claim(
    tx: EntityManager,
    meetingId: string,
    reminder: Reminder,
    startsAt: Date,
    recipients: number,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH claimed AS (INSERT INTO meeting_reminder (meeting_id, reminder, starts_at, recipients) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING RETURNING 1)
       SELECT * FROM claimed`,
      [meetingId, reminder, startsAt, recipients],
    )) as unknown[];
    return rows.length > 0;
  }

  async recipients(tx: EntityManager, meetingId: string, reminder: Reminder): Promise<ReminderRecipient[]> {
    const rows = (await tx.query(`${RECIPIENTS[reminder]} ORDER BY 1`, [meetingId])) as {
      id: string;
      preferred_language: Language;
    }[];
    return rows.map((r) => ({ personId: r.id, language: r.preferred_language }));
  }
}
