import { MigrationInterface, QueryRunner } from 'typeorm';

/** A plan's keys as written by `up` (the owners' keys bound to the plan's network) or by `down` (bare `u:`). */
function planKeys(owner: string): string {
  return `(visibility_keys(p.network_id, CASE WHEN p.status = 'DRAFT' THEN 'RESTRICTED' ELSE p.visibility END)
    || CASE WHEN p.member_state IS NULL THEN ARRAY[]::text[] ELSE ARRAY['cs:' || p.network_id || ':' || trim(p.member_state)] END
    || COALESCE((SELECT array_agg(DISTINCT ${owner}) FROM plan_action a
                  WHERE a.plan_id = p.id AND a.responsible_person_id IS NOT NULL), ARRAY[]::text[]))`;
}

/**
 * A named action owner reads a plan while they hold a current term in its network (walk finding 4):
 * their key on the plan becomes `o:<network>:<person>`, which a request holds only for the networks
 * of its current terms, instead of the `u:<person>` every request of theirs holds. Rewrites every
 * plan's keys; `down` writes the `u:` keys back.
 */
export class PlanOwnerKeys1732960000000 implements MigrationInterface {
  name = 'PlanOwnerKeys1732960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE action_plan p SET vis_keys = ${planKeys(`'o:' || p.network_id || ':' || a.responsible_person_id`)}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE action_plan p SET vis_keys = ${planKeys(`'u:' || a.responsible_person_id`)}`);
  }
}
