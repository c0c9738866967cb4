import { Injectable } from '@nestjs/common';
import type { Tx } from '@enlace/core';

/** What meetings hold about one person, for their own export: the meetings they were invited to, and their answers. */
@Injectable()
export class MeetingsPersonalDataRepository {
  async read(tx: Tx, personId: string): Promise<Record<string, unknown>> {
    const meetingInvitations = (await tx.query(
      `SELECT i.meeting_id AS "meetingId", m.title, m.starts_at AS "startsAt", m.status, i.response,
              i.responded_at AS "respondedAt", i.via_role AS "viaRole", i.invited_at AS "invitedAt"
       FROM meeting_invitee i JOIN meeting m ON m.id = i.meeting_id
       WHERE i.person_id = $1 ORDER BY m.starts_at, m.id`,
      [personId],
    )) as Record<string, unknown>[];
    return { meetingInvitations };
  }
}
