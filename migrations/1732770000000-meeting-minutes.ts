import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minutes of a meeting and their sign-off by member state (SPEC §4.3), with the attendance and the
 * delegations the sign-off rests on.
 *
 * - `meeting_invitee.attendance`: PRESENT, ABSENT or EXCUSED, recorded by the organisers once the
 *   meeting is held. `delegated_from` / `delegated_state`: the invitation was handed by the focal
 *   point `delegated_from` of member state `delegated_state` to this invitee (the current alternate);
 *   the focal point keeps read access to the meeting as a former invitee (the meeting's predicate
 *   looks at `delegated_from`), not an answer nor a voice.
 * - `meeting_minutes`: one record per meeting, its text per language with translation status
 *   (translatable text), its lifecycle DRAFT → CIRCULATED → APPROVED and the quorum rule (a fraction
 *   of the member states present, two thirds unless set).
 * - `meeting_minutes_revision`: every save is a new row; a revision is never changed.
 * - `meeting_minutes_signoff`: one voice per member state, `UNIQUE (minutes_id, member_state)`: two
 *   representatives of one state signing at the same moment record exactly one voice.
 */
export class MeetingMinutes1732770000000 implements MigrationInterface {
  name = 'MeetingMinutes1732770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meeting_invitee
        ADD COLUMN attendance text CHECK (attendance IN ('PRESENT', 'ABSENT', 'EXCUSED')),
        ADD COLUMN attendance_recorded_at timestamptz,
        ADD COLUMN delegated_from uuid REFERENCES person (id) ON DELETE SET NULL,
        ADD COLUMN delegated_state char(2) REFERENCES country (code),
        ADD COLUMN delegated_at timestamptz`);
    await q.query(
      `CREATE INDEX meeting_invitee_delegated_from_idx ON meeting_invitee (delegated_from) WHERE delegated_from IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE meeting_minutes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL UNIQUE REFERENCES meeting (id) ON DELETE CASCADE,
        body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object' AND body <> '{}'::jsonb),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'CIRCULATED', 'APPROVED')),
        quorum_numerator integer NOT NULL DEFAULT 2,
        quorum_denominator integer NOT NULL DEFAULT 3,
        revision integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        circulated_at timestamptz,
        approved_at timestamptz,
        CHECK (quorum_numerator > 0 AND quorum_denominator > 0 AND quorum_numerator <= quorum_denominator
               AND quorum_denominator <= 100)
      )`);

    await q.query(`
      CREATE TABLE meeting_minutes_revision (
        minutes_id uuid NOT NULL REFERENCES meeting_minutes (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        body jsonb NOT NULL,
        saved_by uuid REFERENCES person (id) ON DELETE SET NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (minutes_id, revision)
      )`);

    await q.query(`
      CREATE TABLE meeting_minutes_signoff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        minutes_id uuid NOT NULL REFERENCES meeting_minutes (id) ON DELETE CASCADE,
        member_state char(2) NOT NULL REFERENCES country (code),
        person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        decision text NOT NULL CHECK (decision IN ('APPROVE', 'OBJECT')),
        reason text CHECK (char_length(reason) <= 2000),
        revision integer NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_minutes_signoff_state_uq UNIQUE (minutes_id, member_state),
        CHECK (decision = 'APPROVE' OR reason IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_minutes_signoff`);
    await q.query(`DROP TABLE meeting_minutes_revision`);
    await q.query(`DROP TABLE meeting_minutes`);
    await q.query(`DROP INDEX IF EXISTS meeting_invitee_delegated_from_idx`);
    await q.query(`
      ALTER TABLE meeting_invitee DROP COLUMN delegated_at, DROP COLUMN delegated_state, DROP COLUMN delegated_from,
        DROP COLUMN attendance_recorded_at, DROP COLUMN attendance`);
  }
}
