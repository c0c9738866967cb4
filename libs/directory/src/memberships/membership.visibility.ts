import { Actor, audienceKeys, fresh, SqlPredicate, visibilitySql } from '@enlace/core';

/** A membership whose term is current today (the same rule as the actor's memberships). */
export function currentTermSql(alias: string): string {
  return `${alias}.starts_on <= current_date AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > current_date)`;
}

/**
 * The visibility predicate for membership rows: a membership carries its own visibility, is owned by
 * its network and has one participant, the member.
 */
export function membershipVisibility(actor: Actor, alias: string): SqlPredicate {
  return visibilitySql(actor, {
    network: `${alias}.network_id`,
    visibility: `${alias}.visibility`,
    participant: (p) => `${alias}.person_id = :${p}`,
  });
}

/**
 * Membership rows (alias `m`) of network rows (alias `n`) that `actor` may see, by audience keys: the
 * same rule as `membershipVisibility` and `networkVisibleSql` together. Both hold exactly when the
 * keys of the narrower of the two visibilities meet the caller's (`directory_membership_keys`,
 * migration 1732600000000), or when the membership is the caller's own and the network's rule holds
 * (a network's members are its participants, so RESTRICTED reads as NETWORK there).
 */
export function membershipVisibleByKeys(actor: Actor, m: string, n: string): SqlPredicate {
  const keys = fresh('mkeys');
  const params: Record<string, unknown> = { [keys]: [...audienceKeys(actor)] };
  let sql = `directory_membership_keys(${m}.network_id, ${m}.visibility, ${n}.visibility) && CAST(:${keys} AS text[])`;
  if (actor.personId !== null) {
    const self = fresh('mself');
    params[self] = actor.personId;
    sql = `(${sql} OR (${m}.person_id = CAST(:${self} AS uuid) AND visibility_keys(${n}.id,
      CASE WHEN ${n}.visibility = 'RESTRICTED' THEN 'NETWORK' ELSE ${n}.visibility END) && CAST(:${keys} AS text[])))`;
  }
  return { sql, params };
}

/**
 * Audit entries (alias `a`) about a membership show only while the reader may see that membership
 * (an administrator reading a network's log does not see the history of its RESTRICTED memberships).
 */
export function membershipAuditVisibility(actor: Actor): SqlPredicate {
  const visible = membershipVisibility(actor, 'am');
  return {
    sql:
      `(CASE WHEN a.entity_type = 'membership' THEN EXISTS (SELECT 1 FROM membership am` +
      ` WHERE am.id = CAST(a.entity_id AS uuid) AND ${visible.sql}) ELSE TRUE END)`,
    params: visible.params,
  };
}
