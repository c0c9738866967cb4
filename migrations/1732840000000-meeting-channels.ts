import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting channels and role invitations kept current (issue 11, items 4 and 9; decision 0019):
 * - a channel kind `MEETING`, read by its named members only (the meeting's invitees, kept by the
 *   meetings context), and `meeting.channel_id`, the channel opened when the meeting is scheduled;
 * - `meeting_role_invitation`: the whole roles a meeting invited ("all focal points of network X"),
 *   so that the invitees can be kept current when terms change before the meeting.
 * Backfill: every SCHEDULED meeting gets its channel now, with its invitees as members and its
 * partner networks; role invitations are recovered from the invitees' `via_role` and their terms in
 * the networks the meeting involves (meetings still DRAFT or SCHEDULED).
 */
export class MeetingChannels1732840000000 implements MigrationInterface {
  name = 'MeetingChannels1732840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel DROP CONSTRAINT channel_kind_check`);
    await q.query(
      `ALTER TABLE channel ADD CONSTRAINT channel_kind_check CHECK (kind IN ('NETWORK', 'GROUP', 'JOINT', 'DIRECT', 'MEETING'))`,
    );
    await q.query(`ALTER TABLE meeting ADD COLUMN channel_id uuid REFERENCES channel (id) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX meeting_channel_idx ON meeting (channel_id) WHERE channel_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE meeting_role_invitation (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        role text NOT NULL,
        invited_by uuid REFERENCES person (id) ON DELETE SET NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, network_id, role)
      )`);
    await q.query(`CREATE INDEX meeting_role_invitation_network_idx ON meeting_role_invitation (network_id, role)`);

    await q.query(`
      INSERT INTO meeting_role_invitation (meeting_id, network_id, role)
      SELECT DISTINCT i.meeting_id, m.network_id, i.via_role
        FROM meeting_invitee i
        JOIN meeting mt ON mt.id = i.meeting_id AND mt.status IN ('DRAFT', 'SCHEDULED')
        JOIN membership m ON m.person_id = i.person_id AND m.role = i.via_role
       WHERE i.via_role IS NOT NULL
         AND (m.network_id = mt.network_id
              OR m.network_id IN (SELECT mp.network_id FROM meeting_partner mp WHERE mp.meeting_id = mt.id))
      ON CONFLICT DO NOTHING`);

    const scheduled = (await q.query(`
      SELECT mt.id, mt.network_id, mt.created_by,
             left(btrim(COALESCE(mt.title -> n.default_language ->> 'text',
                                 (SELECT t.value ->> 'text' FROM jsonb_each(mt.title) t ORDER BY t.key LIMIT 1),
                                 'Meeting')), 100) AS name
        FROM meeting mt JOIN network n ON n.id = mt.network_id
       WHERE mt.status = 'SCHEDULED' AND mt.channel_id IS NULL
       ORDER BY mt.id`)) as { id: string; network_id: string; created_by: string | null; name: string }[];
    for (const meeting of scheduled) {
      const [channel] = (await q.query(
        `INSERT INTO channel (network_id, kind, visibility, name, created_by)
         VALUES ($1, 'MEETING', 'RESTRICTED', $2, $3) RETURNING id`,
        [meeting.network_id, meeting.name === '' ? 'Meeting' : meeting.name, meeting.created_by],
      )) as { id: string }[];
      await q.query(`UPDATE meeting SET channel_id = $2 WHERE id = $1`, [meeting.id, channel.id]);
      await q.query(
        `INSERT INTO channel_partner (channel_id, network_id) SELECT $2, network_id FROM meeting_partner WHERE meeting_id = $1`,
        [meeting.id, channel.id],
      );
      await q.query(
        `INSERT INTO channel_member (channel_id, person_id, can_post) SELECT $2, person_id, true FROM meeting_invitee WHERE meeting_id = $1`,
        [meeting.id, channel.id],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_role_invitation`);
    await q.query(`DROP INDEX meeting_channel_idx`);
    await q.query(`ALTER TABLE meeting DROP COLUMN channel_id`);
    await q.query(`DELETE FROM channel WHERE kind = 'MEETING'`);
    await q.query(`ALTER TABLE channel DROP CONSTRAINT channel_kind_check`);
    await q.query(
      `ALTER TABLE channel ADD CONSTRAINT channel_kind_check CHECK (kind IN ('NETWORK', 'GROUP', 'JOINT', 'DIRECT'))`,
    );
  }
}
