import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting's agenda, decisions, follow-up actions and communiqué (SPEC §4.3, issue 11 items 3 and 6).
 *
 * - `meeting_agenda_item`: ordered, nestable items (`parent_id`, `position` among siblings; the
 *   numbers 1, 1.1, 2 are computed when read). `meeting.agenda_version` guards concurrent edits of the
 *   whole agenda (a move touches several rows).
 * - `meeting_decision`: numbered within its meeting (`number`); `series_number` is the meeting's place
 *   in its body's series (network and kind, by start), frozen when its first decision is recorded so
 *   that "2012/4/1" never changes afterwards.
 * - `meeting_follow_up`: an action per decision with a stable uuid that action plans will link to.
 * - `meeting_communique`: one per meeting, with its own visibility (usually PUBLIC).
 */
export class MeetingAgenda1732760000000 implements MigrationInterface {
  name = 'MeetingAgenda1732760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN agenda_version integer NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE TABLE meeting_agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES meeting_agenda_item (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        title jsonb NOT NULL,
        presenter_person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        presenter_country char(2) REFERENCES country (code),
        duration_minutes integer CHECK (duration_minutes BETWEEN 0 AND 1440),
        links text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (presenter_person_id IS NULL OR presenter_country IS NULL),
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(
      `CREATE INDEX meeting_agenda_item_meeting_idx ON meeting_agenda_item (meeting_id, parent_id, position)`,
    );

    await q.query(`
      CREATE TABLE meeting_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        series_number integer NOT NULL CHECK (series_number >= 1),
        text jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES person (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, number)
      )`);

    await q.query(`
      CREATE TABLE meeting_follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES meeting_decision (id) ON DELETE CASCADE,
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        text jsonb NOT NULL,
        assignee_person_id uuid REFERENCES person (id) ON DELETE SET NULL,
        assignee_country char(2) REFERENCES country (code),
        due_on date,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE', 'DROPPED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (assignee_person_id IS NULL OR assignee_country IS NULL)
      )`);
    await q.query(`CREATE INDEX meeting_follow_up_decision_idx ON meeting_follow_up (decision_id, created_at, id)`);
    await q.query(`CREATE INDEX meeting_follow_up_open_idx ON meeting_follow_up (meeting_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX meeting_network_kind_start_idx ON meeting (network_id, kind, starts_at, id)`);

    await q.query(`
      CREATE TABLE meeting_communique (
        meeting_id uuid PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
        text jsonb NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_communique`);
    await q.query(`DROP INDEX meeting_network_kind_start_idx`);
    await q.query(`DROP TABLE meeting_follow_up`);
    await q.query(`DROP TABLE meeting_decision`);
    await q.query(`DROP TABLE meeting_agenda_item`);
    await q.query(`ALTER TABLE meeting DROP COLUMN agenda_version`);
  }
}
