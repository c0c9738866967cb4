import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Language, TranslatableText } from '@enlace/core';

export const TRAINING_REMINDERS = ['NOMINATION_DEADLINE', 'TRAINING_START', 'RECORD_ATTENDANCE'] as const;
export type TrainingReminder = (typeof TRAINING_REMINDERS)[number];

/** An occasion a reminder is due for: a training (its deadline, its start) or one of its sessions. */
export interface DueTrainingReminder {
  readonly trainingId: string;
  readonly sessionId: string | null;
  /** What makes it once: the deadline, the start, the session. */
  readonly occasion: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly title: TranslatableText;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly place: string;
  readonly deadline: string | null;
}

export interface TrainingReminderRecipient {
  readonly personId: string;
  readonly language: Language;
}

const CURRENT_TERM = `m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)`;

/**
 * When each reminder is due (against the database's clock): the three days up to an open training's
 * nomination deadline (a training only its participants may read excepted: focal points could not
 * see it); the 24 hours before a training's start; from an hour after a session of a running
 * training ended (and for a week) while no attendance is recorded for it and someone holds a seat.
 */
const DUE: Record<TrainingReminder, string> = {
  NOMINATION_DEADLINE: `SELECT tr.id AS training_id, NULL::uuid AS session_id, to_char(tr.enrolment_deadline, 'YYYY-MM-DD') AS occasion,
      tr.network_id, n.default_language, tr.title, tr.starts_at, tr.ends_at, tr.time_zone,
      array_to_string(tr.places, ' · ') AS place, to_char(tr.enrolment_deadline, 'YYYY-MM-DD') AS deadline
    FROM training tr JOIN network n ON n.id = tr.network_id
   WHERE tr.status = 'OPEN' AND tr.visibility <> 'RESTRICTED' AND tr.enrolment_deadline IS NOT NULL
     AND tr.enrolment_deadline >= current_date AND tr.enrolment_deadline <= current_date + 3`,
  TRAINING_START: `SELECT tr.id AS training_id, NULL::uuid AS session_id, to_char(tr.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occasion,
      tr.network_id, n.default_language, tr.title, tr.starts_at, tr.ends_at, tr.time_zone,
      array_to_string(tr.places, ' · ') AS place, NULL AS deadline
    FROM training tr JOIN network n ON n.id = tr.network_id
   WHERE tr.status IN ('OPEN', 'CLOSED', 'RUNNING') AND tr.starts_at > now() AND tr.starts_at <= now() + interval '24 hours'`,
  RECORD_ATTENDANCE: `SELECT tr.id AS training_id, s.id AS session_id, s.id::text AS occasion,
      tr.network_id, n.default_language, tr.title, s.starts_at, s.ends_at, tr.time_zone,
      coalesce(s.place, '') AS place, NULL AS deadline
    FROM training_session s JOIN training tr ON tr.id = s.training_id JOIN network n ON n.id = tr.network_id
   WHERE tr.status = 'RUNNING' AND s.ends_at <= now() - interval '1 hour' AND s.ends_at > now() - interval '7 days'
     AND NOT EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = s.id)
     AND EXISTS (SELECT 1 FROM enrolment e WHERE e.training_id = tr.id AND e.status IN ('CONFIRMED', 'ATTENDED'))`,
};

/**
 * Who hears each reminder ($1 the training, $2 the session): the focal points and alternates (current
 * terms) of member states that have nobody nominated (confirmed, waiting or attending); the confirmed;
 * the session's trainers, else the training's, else the network's secretariat.
 */
const RECIPIENTS: Record<TrainingReminder, string> = {
  NOMINATION_DEADLINE: `SELECT DISTINCT p.id, p.preferred_language FROM training tr
      JOIN member_state ms ON ms.network_id = tr.network_id AND (ms.left_on IS NULL OR ms.left_on > current_date)
      JOIN membership m ON m.network_id = tr.network_id AND m.member_state = ms.country_code
       AND m.role IN ('FOCAL_POINT', 'ALTERNATE_FOCAL_POINT') AND ${CURRENT_TERM}
      JOIN person p ON p.id = m.person_id AND p.erased_at IS NULL
     WHERE tr.id = $1 AND $2::uuid IS NULL
       AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.training_id = tr.id AND e.member_state = ms.country_code
                         AND e.status IN ('CONFIRMED', 'WAITLISTED', 'ATTENDED', 'COMPLETED'))`,
  TRAINING_START: `SELECT p.id, p.preferred_language FROM enrolment e JOIN person p ON p.id = e.person_id
     WHERE e.training_id = $1 AND $2::uuid IS NULL AND e.status = 'CONFIRMED' AND p.erased_at IS NULL`,
  RECORD_ATTENDANCE: `WITH named AS (
        SELECT st.person_id FROM training_session_trainer st WHERE st.session_id = $2
      ), assigned AS (
        SELECT tt.person_id FROM training_trainer tt WHERE tt.training_id = $1 AND NOT EXISTS (SELECT 1 FROM named)
      ), secretariat AS (
        SELECT m.person_id FROM training tr JOIN membership m ON m.network_id = tr.network_id
         WHERE tr.id = $1 AND m.role = 'SECRETARIAT' AND ${CURRENT_TERM}
           AND NOT EXISTS (SELECT 1 FROM named) AND NOT EXISTS (SELECT 1 FROM assigned)
      )
      SELECT DISTINCT p.id, p.preferred_language FROM person p
       WHERE p.erased_at IS NULL
         AND p.id IN (SELECT person_id FROM named UNION SELECT person_id FROM assigned UNION SELECT person_id FROM secretariat)`,
};

@Injectable()
export class TrainingReminderRepository {
  /** Occasions `reminder` is due for and has not been sent for. */
  async due(tx: EntityManager, reminder: TrainingReminder, limit: number): Promise<DueTrainingReminder[]> {
    const rows = (await tx.query(
      `SELECT d.* FROM (${DUE[reminder]}) d
        WHERE NOT EXISTS (SELECT 1 FROM training_reminder r
                           WHERE r.training_id = d.training_id AND r.reminder = $1 AND r.occasion = d.occasion)
        ORDER BY d.starts_at, d.training_id, d.occasion LIMIT $2`,
      [reminder, limit],
    )) as {
      training_id: string;
      session_id: string | null;
      occasion: string;
      network_id: string;
      default_language: Language;
      title: TranslatableText;
      starts_at: Date;
      ends_at: Date;
      time_zone: string;
      place: string;
      deadline: string | null;
    }[];
    return rows.map((r) => ({
      trainingId: r.training_id,
      sessionId: r.session_id,
      occasion: r.occasion,
      networkId: r.network_id,
      networkLanguage: r.default_language,
      title: r.title,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      timeZone: r.time_zone,
      place: r.place,
      deadline: r.deadline,
    }));
  }

  /**
   * Claims one occasion's reminder: false when another process (or an earlier try of this slot) has
   * sent it already. The claim commits with the notifications.
   */
  async claim(
    tx: EntityManager,
    due: DueTrainingReminder,
    reminder: TrainingReminder,
    recipients: number,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH claimed AS (INSERT INTO training_reminder (training_id, reminder, occasion, recipients) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING RETURNING 1)
       SELECT * FROM claimed`,
      [due.trainingId, reminder, due.occasion, recipients],
    )) as unknown[];
    return rows.length > 0;
  }

  async recipients(
    tx: EntityManager,
    due: DueTrainingReminder,
    reminder: TrainingReminder,
  ): Promise<TrainingReminderRecipient[]> {
    const rows = (await tx.query(`${RECIPIENTS[reminder]} ORDER BY 1`, [due.trainingId, due.sessionId])) as {
      id: string;
      preferred_language: Language;
    }[];
    return rows.map((r) => ({ personId: r.id, language: r.preferred_language }));
  }
}
