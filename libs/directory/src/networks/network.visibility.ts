import { Actor, SqlPredicate, visibilitySql } from '@enlace/core';
import { currentTermSql } from '../memberships/membership.visibility';

/**
 * The visibility predicate for network rows. A network record is owned by itself; its participants
 * are its current members. The platform administrator, who creates networks and their first
 * secretariat, counts as a participant of every network record (docs/decisions/0005): otherwise a
 * RESTRICTED network would vanish from the one person able to staff it. Records *inside* networks
 * keep the general rule (administrators do not read RESTRICTED records).
 */
export function networkVisibility(actor: Actor, alias: string): SqlPredicate {
  return visibilitySql(actor, {
    network: `${alias}.id`,
    visibility: `${alias}.visibility`,
    participant: actor.isAdmin
      ? () => 'TRUE'
      : (p) =>
          `EXISTS (SELECT 1 FROM membership ${alias}_pm WHERE ${alias}_pm.network_id = ${alias}.id` +
          ` AND ${alias}_pm.person_id = :${p} AND ${currentTermSql(`${alias}_pm`)})`,
  });
}

/**
 * Audit entries (alias `a`) about a partnership show only when the partner network is visible to the
 * reader: network A's log must not reveal a RESTRICTED partner that A's secretariat cannot see.
 */
export function partnerAuditVisibility(actor: Actor): SqlPredicate {
  const visible = networkVisibility(actor, 'apn');
  return {
    sql:
      `(CASE WHEN a.entity_type = 'network_partner' THEN EXISTS (SELECT 1 FROM network apn` +
      ` WHERE apn.id = CAST(COALESCE(a.after, a.before) ->> 'partnerId' AS uuid) AND ${visible.sql}) ELSE TRUE END)`,
    params: visible.params,
  };
}
