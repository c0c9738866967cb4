import { Actor, canSql, fresh, memberNetworkIds, SqlPredicate, visibilitySql } from '@enlace/core';

/**
 * Who may read meeting `mt` (SPEC §3): its invitees always (a focal point who delegated their
 * invitation too, as a former invitee); otherwise the visibility predicate, with two narrowings. A joint meeting (one that names partner networks) marked PARTNERS is shared with
 * the partners it names, not with every partner of the owner. A DRAFT is the organisers' own: only
 * those who may run the owner's meetings read it (invitees hear of it when it is scheduled).
 */
export function readableMeetingSql(actor: Actor, alias = 'mt'): SqlPredicate {
  const p = fresh('rm');
  const invitee = (person: string) =>
    `EXISTS (SELECT 1 FROM meeting_invitee ri WHERE ri.meeting_id = ${alias}.id
       AND (ri.person_id = CAST(:${person} AS uuid) OR ri.delegated_from = CAST(:${person} AS uuid)))`;
  const visibility = visibilitySql(actor, { network: `${alias}.network_id`, visibility: `${alias}.visibility` });
  const organiser = organiserSql(actor, alias);
  const narrowed = `(${alias}.visibility <> 'PARTNERS' OR CAST(:${p}_admin AS boolean)
    OR ${alias}.network_id = ANY(CAST(:${p}_mine AS uuid[]))
    OR NOT EXISTS (SELECT 1 FROM meeting_partner np WHERE np.meeting_id = ${alias}.id)
    OR EXISTS (SELECT 1 FROM meeting_partner np WHERE np.meeting_id = ${alias}.id AND np.network_id = ANY(CAST(:${p}_mine AS uuid[]))))`;
  const clauses = [`(${organiser.sql})`];
  const params: Record<string, unknown> = {
    ...visibility.params,
    ...organiser.params,
    [`${p}_admin`]: actor.isAdmin,
    [`${p}_mine`]: memberNetworkIds(actor),
  };
  if (actor.personId !== null) {
    params[`${p}_person`] = actor.personId;
    clauses.push(`(${alias}.status <> 'DRAFT' AND ${invitee(`${p}_person`)})`);
  }
  clauses.push(`(${alias}.status <> 'DRAFT' AND ${visibility.sql} AND ${narrowed})`);
  return { sql: `(${clauses.join(' OR ')})`, params };
}

/**
 * Those who run the owner network's meetings (RUN_MEETINGS: its secretariat, administrators). They read
 * every meeting of the network but RESTRICTED ones stay with the secretariat, as visibility says:
 * administrators see RESTRICTED meetings only when they are invited.
 */
export function organiserSql(actor: Actor, alias = 'mt'): SqlPredicate {
  const run = canSql(actor, 'RUN_MEETINGS', { network: `${alias}.network_id` });
  if (!actor.isAdmin) return run;
  return { sql: `(${alias}.visibility <> 'RESTRICTED' AND ${run.sql})`, params: run.params };
}
