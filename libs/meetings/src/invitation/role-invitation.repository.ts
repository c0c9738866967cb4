import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { readerKeysSql } from '@enlace/directory';

/** The day terms are current on: that of `param` (a timestamp, the daily job's slot), or today. */
const DAY = (param: string): string => `CAST(COALESCE(CAST(${param} AS timestamptz), now()) AS date)`;

/** A current holder of an invited role who holds no invitation yet, and the role that brings them. */
export interface RoleInvitee {
  readonly meetingId: string;
  readonly personId: string;
  readonly role: string;
}

/** Whole roles a meeting invited (table `meeting_role_invitation`), and who they bring in or take out now. */
@Injectable()
export class RoleInvitationRepository {
  async record(
    tx: EntityManager,
    meetingId: string,
    roles: readonly { networkId: string; role: string }[],
    invitedBy: string | null,
  ): Promise<void> {
    if (roles.length === 0) return;
    await tx.query(
      `INSERT INTO meeting_role_invitation (meeting_id, network_id, role, invited_by)
       SELECT $1, r.network_id, r.role, $4 FROM unnest(CAST($2 AS uuid[]), CAST($3 AS text[])) AS r(network_id, role)
       ON CONFLICT DO NOTHING`,
      [meetingId, roles.map((r) => r.networkId), roles.map((r) => r.role), invitedBy],
    );
  }

  /**
   * The meetings still ahead (DRAFT, or SCHEDULED and not started) that invited a role of
   * `networkId`, locked in id order: an invitation change waits for this one, or this one sees it.
   */
  async lockLiveMeetings(tx: EntityManager, networkId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT mt.id FROM meeting mt
        WHERE mt.status IN ('DRAFT', 'SCHEDULED') AND mt.starts_at > now()
          AND EXISTS (SELECT 1 FROM meeting_role_invitation ri WHERE ri.meeting_id = mt.id AND ri.network_id = $1)
        ORDER BY mt.id FOR UPDATE`,
      [networkId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Of `personIds`, those who now hold an invited role of `networkId` in these meetings and hold no
   * invitation: not one they handed over (`delegated_from`), and not a focal point whose member
   * state's invitation its alternate holds by delegation (one voice per state, never two). Only
   * people the organiser who invited the role (`invited_by`) may see in the directory now, by their
   * keys as a request of theirs would hold them (`readerKeysSql`): a role invitation never brings in
   * someone the organiser could not have invited by name. An invitation with no organiser brings nobody.
   */
  async toAdd(
    tx: EntityManager,
    meetingIds: readonly string[],
    networkId: string,
    personIds: readonly string[],
    at: Date | null = null,
  ): Promise<RoleInvitee[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT ON (ri.meeting_id, m.person_id) ri.meeting_id, m.person_id, ri.role
         FROM meeting_role_invitation ri
         JOIN meeting mt ON mt.id = ri.meeting_id
         JOIN membership m ON m.network_id = ri.network_id AND m.role = ri.role
         JOIN person p ON p.id = m.person_id AND p.erased_at IS NULL
        WHERE ri.meeting_id = ANY(CAST($1 AS uuid[])) AND ri.network_id = $2
          AND m.person_id = ANY(CAST($3 AS uuid[]))
          AND ri.invited_by IS NOT NULL AND p.vis_keys && ${readerKeysSql('ri.invited_by')}
          AND m.starts_on <= ${DAY('$4')} AND (m.ends_on IS NULL OR m.ends_on > ${DAY('$4')})
          AND NOT EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = ri.meeting_id
                            AND (i.person_id = m.person_id OR i.delegated_from = m.person_id))
          AND NOT (m.role = 'FOCAL_POINT' AND m.network_id = mt.network_id AND m.member_state IS NOT NULL
                   AND EXISTS (SELECT 1 FROM meeting_invitee d WHERE d.meeting_id = ri.meeting_id
                                 AND d.delegated_state = m.member_state))
        ORDER BY ri.meeting_id, m.person_id, ri.role`,
      [meetingIds, networkId, personIds, at],
    )) as { meeting_id: string; person_id: string; role: string }[];
    return rows.map((r) => ({ meetingId: r.meeting_id, personId: r.person_id, role: r.role }));
  }

  /**
   * Of `personIds`, the invitees these meetings brought in by a role who hold none of the meeting's
   * invited roles any more. An invitation named person by person, or held by delegation, stays.
   */
  async toRemove(
    tx: EntityManager,
    meetingIds: readonly string[],
    personIds: readonly string[],
    at: Date | null = null,
  ): Promise<{ meetingId: string; personId: string }[]> {
    const rows = (await tx.query(
      `SELECT i.meeting_id, i.person_id FROM meeting_invitee i
        WHERE i.meeting_id = ANY(CAST($1 AS uuid[])) AND i.person_id = ANY(CAST($2 AS uuid[]))
          AND i.via_role IS NOT NULL AND i.delegated_from IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM meeting_role_invitation ri
              JOIN membership m ON m.network_id = ri.network_id AND m.role = ri.role AND m.person_id = i.person_id
             WHERE ri.meeting_id = i.meeting_id
               AND m.starts_on <= ${DAY('$3')} AND (m.ends_on IS NULL OR m.ends_on > ${DAY('$3')}))
        ORDER BY i.meeting_id, i.person_id`,
      [meetingIds, personIds, at],
    )) as { meeting_id: string; person_id: string }[];
    return rows.map((r) => ({ meetingId: r.meeting_id, personId: r.person_id }));
  }

  /**
   * The people whose term of a role some meeting still ahead invited began or ended on the day of
   * `at` (a term dated for that day when it was written), by network: one statement.
   */
  async termsChangedOn(tx: EntityManager, at: Date): Promise<{ networkId: string; personIds: string[] }[]> {
    const rows = (await tx.query(
      `SELECT m.network_id, array_agg(DISTINCT m.person_id ORDER BY m.person_id) AS person_ids
         FROM membership m
        WHERE (m.starts_on = ${DAY('$1')} OR m.ends_on = ${DAY('$1')})
          AND EXISTS (SELECT 1 FROM meeting_role_invitation ri JOIN meeting mt ON mt.id = ri.meeting_id
                       WHERE ri.network_id = m.network_id AND ri.role = m.role
                         AND mt.status IN ('DRAFT', 'SCHEDULED') AND mt.starts_at > now())
        GROUP BY m.network_id ORDER BY m.network_id`,
      [at],
    )) as { network_id: string; person_ids: string[] }[];
    return rows.map((r) => ({ networkId: r.network_id, personIds: r.person_ids }));
  }

  /** The meetings still ahead that invited this person (by name, role or delegation), locked in id order. */
  async lockLiveMeetingsOf(tx: EntityManager, personId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT mt.id FROM meeting mt
        WHERE mt.status IN ('DRAFT', 'SCHEDULED') AND mt.starts_at > now()
          AND EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = mt.id AND i.person_id = $1)
        ORDER BY mt.id FOR UPDATE`,
      [personId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async removeInvitees(tx: EntityManager, meetingId: string, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = (await tx.query(
      `WITH gone AS (DELETE FROM meeting_invitee WHERE meeting_id = $1 AND person_id = ANY(CAST($2 AS uuid[]))
                     RETURNING person_id)
       SELECT person_id FROM gone ORDER BY person_id`,
      [meetingId, personIds],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }
}
