import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TranslatableText } from '@enlace/core';
import type { MinutesStatus, Quorum, SignOffDecision } from './minutes-rules';
import { MinutesRevisionRow, MinutesRow, RawMinutes, toMinutes } from './minutes.entity';

/**
 * The representatives of member states at meeting `mt`: invitees recorded PRESENT who hold today the
 * focal-point seat of a member state of the owner network, or a delegated invitation for one. One
 * row per (person, state); the states present are its distinct `state` values.
 */
function representativesSql(alias = 'mt'): string {
  return `SELECT r.person_id, r.state FROM (
      SELECT i.person_id, COALESCE(i.delegated_state, m.member_state) AS state
        FROM meeting_invitee i
        LEFT JOIN membership m ON i.delegated_state IS NULL AND m.person_id = i.person_id
             AND m.network_id = ${alias}.network_id AND m.role = 'FOCAL_POINT'
             AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)
       WHERE i.meeting_id = ${alias}.id AND i.attendance = 'PRESENT') r
    WHERE r.state IS NOT NULL AND EXISTS (
      SELECT 1 FROM member_state s WHERE s.network_id = ${alias}.network_id AND s.country_code = r.state
         AND (s.left_on IS NULL OR s.left_on > current_date))`;
}

/** The minutes with their voices (by state) and the states present, in one statement. */
const MINUTES_COLUMNS = `mm.id, mm.meeting_id, mm.status, mm.body, mm.quorum_numerator, mm.quorum_denominator,
  mm.revision, mm.version, mm.created_at, mm.updated_at, mm.circulated_at, mm.approved_at,
  (SELECT json_agg(json_build_object('memberState', so.member_state, 'decision', so.decision, 'reason', so.reason,
            'revision', so.revision, 'signedAt', so.signed_at, 'personId', so.person_id, 'personName', p.name)
          ORDER BY so.member_state)
     FROM meeting_minutes_signoff so LEFT JOIN person p ON p.id = so.person_id AND p.erased_at IS NULL
    WHERE so.minutes_id = mm.id) AS sign_offs,
  (SELECT array_agg(DISTINCT rep.state) FROM (${representativesSql()}) rep) AS present_states`;

@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The minutes of several meetings at once (a page's worth). */
  async ofMeetings(tx: EntityManager | null, meetingIds: readonly string[]): Promise<MinutesRow[]> {
    if (meetingIds.length === 0) return [];
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT ${MINUTES_COLUMNS} FROM meeting_minutes mm JOIN meeting mt ON mt.id = mm.meeting_id
        WHERE mm.meeting_id = ANY(CAST($1 AS uuid[]))`,
      [meetingIds],
    )) as RawMinutes[];
    return rows.map(toMinutes);
  }

  /** The meeting's minutes, locked for a change (every save and every voice goes through this lock). */
  async lock(tx: EntityManager, meetingId: string): Promise<MinutesRow | null> {
    const locked = (await tx.query(`SELECT id FROM meeting_minutes WHERE meeting_id = $1 FOR UPDATE`, [
      meetingId,
    ])) as unknown[];
    if (locked.length === 0) return null;
    return (await this.ofMeetings(tx, [meetingId]))[0] ?? null;
  }

  async insert(
    tx: EntityManager,
    meetingId: string,
    body: TranslatableText,
    quorum: Quorum,
    by: string | null,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO meeting_minutes (meeting_id, body, quorum_numerator, quorum_denominator, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [meetingId, JSON.stringify(body), quorum.numerator, quorum.denominator, by],
    )) as { id: string }[];
    await this.addRevision(tx, row.id, 1, body, by);
    return row.id;
  }

  /** New text (a new revision) and/or quorum, if the stored version is `version`; false when another edit came first. */
  async update(
    tx: EntityManager,
    id: string,
    version: number,
    change: { body: TranslatableText | null; quorum: Quorum },
    by: string | null,
  ): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting_minutes
          SET body = COALESCE($3, body), revision = revision + $4, quorum_numerator = $5, quorum_denominator = $6,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING revision, body) SELECT revision, body FROM changed`,
      [
        id,
        version,
        change.body ? JSON.stringify(change.body) : null,
        change.body ? 1 : 0,
        change.quorum.numerator,
        change.quorum.denominator,
      ],
    )) as { revision: number; body: TranslatableText }[];
    if (rows.length === 0) return false;
    if (change.body) await this.addRevision(tx, id, rows[0].revision, rows[0].body, by);
    return true;
  }

  private async addRevision(
    tx: EntityManager,
    minutesId: string,
    revision: number,
    body: TranslatableText,
    by: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO meeting_minutes_revision (minutes_id, revision, body, saved_by) VALUES ($1, $2, $3, $4)`,
      [minutesId, revision, JSON.stringify(body), by],
    );
  }

  async setStatus(tx: EntityManager, id: string, status: MinutesStatus, version: number | null): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE meeting_minutes SET status = $2, version = version + 1, updated_at = now(),
              circulated_at = CASE WHEN $2 = 'CIRCULATED' THEN now() ELSE circulated_at END,
              approved_at = CASE WHEN $2 = 'APPROVED' THEN now() ELSE approved_at END
        WHERE id = $1 AND ($3::int IS NULL OR version = $3::int) RETURNING id) SELECT id FROM changed`,
      [id, status, version],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The representatives present at the meeting (person, state), as `representativesSql` defines them. */
  async representatives(tx: EntityManager, meetingId: string): Promise<{ personId: string; state: string }[]> {
    const rows = (await tx.query(
      `SELECT rep.person_id, rep.state FROM meeting mt CROSS JOIN LATERAL (${representativesSql()}) rep
        WHERE mt.id = $1 ORDER BY rep.state, rep.person_id`,
      [meetingId],
    )) as { person_id: string; state: string }[];
    return rows.map((r) => ({ personId: r.person_id, state: r.state.trim() }));
  }

  /**
   * Records the state's voice; false when the state has one already (the unique constraint on
   * (minutes, member state) stands behind the lock taken by `lock`).
   */
  async addSignOff(
    tx: EntityManager,
    minutesId: string,
    voice: {
      memberState: string;
      personId: string;
      decision: SignOffDecision;
      reason: string | null;
      revision: number;
    },
  ): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO meeting_minutes_signoff (minutes_id, member_state, person_id, decision, reason, revision)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT meeting_minutes_signoff_state_uq DO NOTHING
       RETURNING id`,
      [minutesId, voice.memberState, voice.personId, voice.decision, voice.reason, voice.revision],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The revisions of several minutes, newest first. */
  async revisions(minutesIds: readonly string[]): Promise<MinutesRevisionRow[]> {
    if (minutesIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT r.minutes_id, r.revision, r.body, r.saved_at, r.saved_by, p.name AS saved_by_name
         FROM meeting_minutes_revision r LEFT JOIN person p ON p.id = r.saved_by AND p.erased_at IS NULL
        WHERE r.minutes_id = ANY(CAST($1 AS uuid[])) ORDER BY r.minutes_id, r.revision DESC`,
      [minutesIds],
    )) as {
      minutes_id: string;
      revision: number;
      body: TranslatableText;
      saved_at: Date;
      saved_by: string | null;
      saved_by_name: string | null;
    }[];
    return rows.map((r) => ({
      minutesId: r.minutes_id,
      revision: r.revision,
      body: r.body,
      savedAt: r.saved_at,
      savedBy: r.saved_by,
      savedByName: r.saved_by_name,
    }));
  }
}
