import { Actor, SqlPredicate, visibilitySql } from '@enlace/core';

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
