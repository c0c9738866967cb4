import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/**
 * What meetings hold about one person, for their own export: the meetings they were invited to (their
 * answers, a delegation they hold, the meeting's channel), and the whole roles they invited.
 */
@Injectable()
export class MeetingsPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const meetingInvitations = (await tx.query(
      `SELECT i.meeting_id AS "meetingId", m.title, m.starts_at AS "startsAt", m.status, i.response,
              i.responded_at AS "respondedAt", i.via_role AS "viaRole", i.invited_at AS "invitedAt",
              i.delegated_from AS "delegatedFrom", m.channel_id AS "channelId"
       FROM meeting_invitee i JOIN meeting m ON m.id = i.meeting_id
       WHERE i.person_id = $1 ORDER BY m.starts_at, m.id`,
      [personId],
    )) as Record<string, unknown>[];
    const meetingRoleInvitationsSent = (await tx.query(
      `SELECT r.meeting_id AS "meetingId", r.network_id AS "networkId", r.role, r.invited_at AS "invitedAt"
       FROM meeting_role_invitation r WHERE r.invited_by = $1 ORDER BY r.invited_at, r.meeting_id, r.network_id, r.role`,
      [personId],
    )) as Record<string, unknown>[];
    return { meetingInvitations, meetingRoleInvitationsSent };
  }
}
