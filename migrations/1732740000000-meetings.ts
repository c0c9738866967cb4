import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings owned by a network (SPEC §4.3), optionally joint with partner networks; their invitees
 * with the answer each gave. Start and end are instants (UTC) with the IANA zone the meeting is held
 * in: the local time a chair announced stays what it was whatever happens to other zones' clocks.
 * `sequence` counts the changes a calendar program must see (iCalendar SEQUENCE); `version` guards
 * concurrent edits.
 */
export class Meetings1732740000000 implements MigrationInterface {
  name = 'Meetings1732740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PLENARY', 'REGIONAL_COMMITTEE', 'STEERING_GROUP', 'WORKING_GROUP',
          'CONSULTATION', 'WEBINAR')),
        title jsonb NOT NULL,
        description jsonb,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        time_zone text NOT NULL,
        place text CHECK (char_length(place) <= 300),
        online_url text CHECK (char_length(online_url) <= 2000),
        languages text[] NOT NULL DEFAULT '{}',
        interpretation text[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SCHEDULED', 'HELD', 'CLOSED', 'CANCELLED')),
        sequence integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX meeting_network_start_idx ON meeting (network_id, starts_at, id)`);
    await q.query(`CREATE INDEX meeting_start_idx ON meeting (starts_at, id)`);

    // A joint meeting's partner networks: their members read it as PARTNERS records are read.
    await q.query(`
      CREATE TABLE meeting_partner (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, network_id)
      )`);
    await q.query(`CREATE INDEX meeting_partner_network_idx ON meeting_partner (network_id)`);

    // Member states hosting or chairing (host/chair rotation of recurring bodies).
    await q.query(`
      CREATE TABLE meeting_host (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        country_code char(2) NOT NULL REFERENCES country (code),
        role text NOT NULL CHECK (role IN ('HOST', 'CO_HOST', 'CHAIR')),
        PRIMARY KEY (meeting_id, country_code, role)
      )`);

    // The invitees: each person once, with their answer; `via_role` when a whole role was invited.
    await q.query(`
      CREATE TABLE meeting_invitee (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        response text NOT NULL DEFAULT 'PENDING' CHECK (response IN ('PENDING', 'ACCEPTED', 'DECLINED', 'TENTATIVE')),
        responded_at timestamptz,
        via_role text,
        invited_by uuid REFERENCES person (id) ON DELETE SET NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, person_id)
      )`);
    await q.query(`CREATE INDEX meeting_invitee_person_idx ON meeting_invitee (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_invitee`);
    await q.query(`DROP TABLE meeting_host`);
    await q.query(`DROP TABLE meeting_partner`);
    await q.query(`DROP TABLE meeting`);
  }
}
