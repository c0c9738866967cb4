import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A network dashboard frozen on a meeting's agenda item (issue 13 item 6, "status of national action
 * plans as of the meeting date"): its lines as computed when attached, for the meeting's audience.
 * Action plans own the table; the agenda item is the meetings' (a reference across contexts, like a
 * cited follow-up), and the snapshot goes with it.
 */
export class PlanDashboardSnapshots1732940000000 implements MigrationInterface {
  name = 'PlanDashboardSnapshots1732940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_dashboard_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agenda_item_id uuid NOT NULL REFERENCES meeting_agenda_item (id) ON DELETE CASCADE,
        network_id uuid NOT NULL REFERENCES network (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        audience text NOT NULL CHECK (audience IN ('PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED')),
        lines jsonb NOT NULL,
        attached_by uuid REFERENCES person (id) ON DELETE SET NULL,
        attached_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plan_dashboard_snapshot_item ON plan_dashboard_snapshot (agenda_item_id, attached_at)`);
    await q.query(`CREATE INDEX plan_dashboard_snapshot_attached_by ON plan_dashboard_snapshot (attached_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_dashboard_snapshot`);
  }
}
