import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Language } from '@enlace/core';
import type { Attendance } from '../meetings-rules';

/** The current alternate of a member state's seat, who may take over the focal point's invitation. */
export interface Alternate {
  readonly personId: string;
  readonly language: Language;
}

/** Attendance and delegation of invitations (table `meeting_invitee`). */
@Injectable()
export class AttendanceRepository {
  /** The person holding today the ALTERNATE_FOCAL_POINT seat of `memberState` in `networkId`, if any. */
  async currentAlternate(tx: EntityManager, networkId: string, memberState: string): Promise<Alternate | null> {
    const rows = (await tx.query(
      `SELECT p.id, p.preferred_language FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.network_id = $1 AND m.member_state = $2 AND m.role = 'ALTERNATE_FOCAL_POINT' AND p.erased_at IS NULL
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
        ORDER BY m.starts_on DESC, m.id LIMIT 1`,
      [networkId, memberState],
    )) as { id: string; preferred_language: Language }[];
    return rows[0] ? { personId: rows[0].id, language: rows[0].preferred_language } : null;
  }

  /**
   * Hands `from`'s invitation to `to`, for `memberState`: `to` holds it (a new invitation, or their own
   * one if they were invited already, keeping their answer), `from` no longer does.
   */
  async handOver(tx: EntityManager, meetingId: string, from: string, to: string, memberState: string): Promise<void> {
    await tx.query(
      `INSERT INTO meeting_invitee (meeting_id, person_id, invited_by, delegated_from, delegated_state, delegated_at)
       VALUES ($1, $3, $2, $2, $4, now())
       ON CONFLICT (meeting_id, person_id) DO UPDATE
         SET delegated_from = EXCLUDED.delegated_from, delegated_state = EXCLUDED.delegated_state, delegated_at = now()`,
      [meetingId, from, to, memberState],
    );
    await tx.query(`DELETE FROM meeting_invitee WHERE meeting_id = $1 AND person_id = $2`, [meetingId, from]);
  }

  /** Of `personIds`, the invitees of the meeting with their current attendance. */
  async invitees(
    tx: EntityManager,
    meetingId: string,
    personIds: readonly string[],
  ): Promise<Map<string, Attendance | null>> {
    const rows = (await tx.query(
      `SELECT person_id, attendance FROM meeting_invitee WHERE meeting_id = $1 AND person_id = ANY(CAST($2 AS uuid[]))`,
      [meetingId, personIds],
    )) as { person_id: string; attendance: Attendance | null }[];
    return new Map(rows.map((r) => [r.person_id, r.attendance]));
  }

  async setAttendance(
    tx: EntityManager,
    meetingId: string,
    entries: readonly { personId: string; present: Attendance }[],
  ): Promise<void> {
    await tx.query(
      `UPDATE meeting_invitee i SET attendance = e.attendance, attendance_recorded_at = now()
         FROM unnest(CAST($2 AS uuid[]), CAST($3 AS text[])) AS e(person_id, attendance)
        WHERE i.meeting_id = $1 AND i.person_id = e.person_id`,
      [meetingId, entries.map((e) => e.personId), entries.map((e) => e.present)],
    );
  }

  /**
   * The status of the meeting's minutes, if it has any (attendance is frozen once they are approved),
   * locked: a voice approving them waits for this change, or this change sees the approval.
   */
  async minutesStatus(tx: EntityManager, meetingId: string): Promise<string | null> {
    const rows = (await tx.query(`SELECT status FROM meeting_minutes WHERE meeting_id = $1 FOR UPDATE`, [
      meetingId,
    ])) as {
      status: string;
    }[];
    return rows[0]?.status ?? null;
  }

  async personName(tx: EntityManager, personId: string): Promise<string> {
    const rows = (await tx.query(`SELECT name FROM person WHERE id = $1`, [personId])) as { name: string }[];
    return rows[0]?.name ?? '';
  }
}
