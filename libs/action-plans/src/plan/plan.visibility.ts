import { Actor, audienceKeys, fresh, SqlPredicate, STATE_BOUND_ROLES } from '@enlace/core';

/**
 * What `actor` holds for reading plans: decision 0015's audience keys, plus `cs:<network>:<state>` for
 * each state the actor represents as focal point or alternate (the plan's country team), and
 * `o:<network>:<person>` for each network in which they hold a current term (a named action owner
 * reads the plan while they are a member of its network, and no longer: walk finding 4).
 */
export function planAudienceKeys(actor: Actor): string[] {
  const keys = new Set(audienceKeys(actor));
  for (const m of actor.memberships) {
    if (STATE_BOUND_ROLES.includes(m.role) && m.memberState) keys.add(`cs:${m.networkId}:${m.memberState}`);
    if (actor.personId !== null) keys.add(`o:${m.networkId}:${actor.personId}`);
  }
  return [...keys];
}

/**
 * Who may read plan `p` (SPEC §3): the plan's keys (`action_plan.vis_keys`, kept by the repository)
 * meet the caller's. A DRAFT reads as RESTRICTED: its country team and the secretariat. One GIN-indexed
 * condition, used by every statement that lists, loads, counts or rolls up plans.
 */
export function readablePlanSql(actor: Actor, alias = 'p'): SqlPredicate {
  const p = fresh('plan_keys');
  return { sql: `(${alias}.vis_keys && CAST(:${p} AS text[]))`, params: { [p]: planAudienceKeys(actor) } };
}

/**
 * The keys of plan `p` as SQL (its visibility's, narrowed to RESTRICTED while a draft; its country
 * team's; its named action owners' as members of its network, `o:<network>:<person>`), for the
 * repository's `UPDATE … SET vis_keys = …`. An owner's key is met only by a request of theirs that
 * holds a current term in the plan's network, so a term ended (or an erasure) takes the access away
 * and a new term gives it back, with no plan rewritten (migration 1732960000000 rewrote the `u:` keys).
 */
export const PLAN_KEYS_SQL = `(visibility_keys(p.network_id, CASE WHEN p.status = 'DRAFT' THEN 'RESTRICTED' ELSE p.visibility END)
  || CASE WHEN p.member_state IS NULL THEN ARRAY[]::text[] ELSE ARRAY['cs:' || p.network_id || ':' || trim(p.member_state)] END
  || COALESCE((SELECT array_agg(DISTINCT 'o:' || p.network_id || ':' || a.responsible_person_id) FROM plan_action a
                WHERE a.plan_id = p.id AND a.responsible_person_id IS NOT NULL), ARRAY[]::text[]))`;
