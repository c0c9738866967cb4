import { MigrationInterface, QueryRunner } from 'typeorm';

/** A plan's keys as written by `up` (the owners' keys bound to the plan's network) or by `down` (bare `u:`). */
function planKeys(owner: string): string {
  return `(visibility_keys(p.network_id, CASE WHEN p.status = 'DRAFT' THEN 'RESTRICTED' ELSE p.visibility END)
    || CASE WHEN p.member_state IS NULL THEN ARRAY[]::text[] ELSE ARRAY['cs:' || p.network_id || ':' || trim(p.member_state)] END
    || COALESCE((SELECT array_agg(DISTINCT ${owner}) FROM plan_action a
                  WHERE a.plan_id = p.id AND a.responsible_person_id IS NOT NULL), ARRAY[]::text[]))`;
}

/**
 * Two tenancy fixes of action plans (walk findings 4 and 3).
 *
 * A named action owner reads a plan while they hold a current term in its network (finding 4):
 * their key on the plan becomes `o:<network>:<person>`, which a request holds only for the networks
 * of its current terms, instead of the `u:<person>` every request of theirs holds. Rewrites every
 * plan's keys; `down` writes the `u:` keys back.
 *
 * A dashboard snapshot keeps each plan's frozen figures (`plans`, finding 3), summed at read time over
 * the plans the reader may read then; a snapshot attached before has none and shows no lines.
 */
export class PlanKeysSnapshotPlans1732960000000 implements MigrationInterface {
  name = 'PlanKeysSnapshotPlans1732960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE action_plan p SET vis_keys = ${planKeys(`'o:' || p.network_id || ':' || a.responsible_person_id`)}`,
    );
    await q.query(`ALTER TABLE plan_dashboard_snapshot ADD COLUMN plans jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_dashboard_snapshot DROP COLUMN plans`);
    await q.query(`UPDATE action_plan p SET vis_keys = ${planKeys(`'u:' || a.responsible_person_id`)}`);
  }
}
