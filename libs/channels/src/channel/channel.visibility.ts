import { Actor, canSql, fresh, memberNetworkIds, SqlPredicate, visibilitySql } from '@enlace/core';

/**
 * Who may read channel `c`: the visibility predicate (SPEC §3: named members are the participants;
 * RESTRICTED channels are also read by the owner's secretariat), narrowed to people who currently
 * belong to the owning network or to one of the partner networks the channel names (a joint channel
 * is shared with the partners it names, not with every partner), or — working group and direct
 * channels, RESTRICTED, so only their named members — to a current partner of the owning network (a
 * mixed working group: a partnership that ends takes them out). Platform administrators pass the
 * second condition; the first keeps RESTRICTED channels from them. A meeting's channel is read by
 * its named members only (the meeting's current invitees): not even the owner's secretariat reads
 * its history unless invited (decision 0019).
 */
export function readableChannelSql(actor: Actor, alias = 'c'): SqlPredicate {
  const p = fresh('rc');
  const visibility = visibilitySql(actor, {
    network: `${alias}.network_id`,
    visibility: `${alias}.visibility`,
    participant: (person) =>
      `EXISTS (SELECT 1 FROM channel_member pm WHERE pm.channel_id = ${alias}.id AND pm.person_id = CAST(:${person} AS uuid))`,
  });
  const affiliated = `(CAST(:${p}_admin AS boolean) OR ${alias}.network_id = ANY(CAST(:${p}_mine AS uuid[]))
    OR EXISTS (SELECT 1 FROM channel_partner pp WHERE pp.channel_id = ${alias}.id AND pp.network_id = ANY(CAST(:${p}_mine AS uuid[])))
    OR (${alias}.kind IN ('GROUP', 'DIRECT', 'MEETING') AND ${alias}.network_id = ANY(CAST(:${p}_partners AS uuid[]))))`;
  const meeting = `(${alias}.kind <> 'MEETING' OR EXISTS (SELECT 1 FROM channel_member mm
    WHERE mm.channel_id = ${alias}.id AND mm.person_id = CAST(:${p}_me AS uuid)))`;
  return {
    sql: `(${visibility.sql} AND ${affiliated} AND ${meeting})`,
    params: {
      ...visibility.params,
      [`${p}_admin`]: actor.isAdmin,
      [`${p}_mine`]: memberNetworkIds(actor),
      [`${p}_partners`]: [...actor.partnerNetworkIds],
      [`${p}_me`]: actor.personId,
    },
  };
}

/**
 * May `actor` post in channel `c` (`ChannelService.canPost` as SQL, from the same matrix through
 * `canSql`): the members of a network-wide or joint channel and the named members of the others are
 * assigned to it; a named membership with `can_post` is the grant observers need. `member` is the
 * alias of the actor's own `channel_member` row, LEFT JOINed (absent: not a named member).
 */
export function postableChannelSql(actor: Actor, alias = 'c', member = 'm'): SqlPredicate {
  return canSql(actor, 'POST_IN_CHANNEL', {
    network: `${alias}.network_id`,
    sharedWith: (p) =>
      `(EXISTS (SELECT 1 FROM channel_partner sp WHERE sp.channel_id = ${alias}.id AND sp.network_id = ANY(CAST(:${p} AS uuid[])))
        OR (${alias}.kind IN ('GROUP', 'DIRECT', 'MEETING') AND EXISTS (SELECT 1 FROM network_partner sn
              WHERE sn.network_id = ${alias}.network_id AND sn.partner_id = ANY(CAST(:${p} AS uuid[])))))`,
    assigned: `(${alias}.kind IN ('NETWORK', 'JOINT') OR ${member}.person_id IS NOT NULL)`,
    granted: `(${member}.person_id IS NOT NULL AND ${member}.can_post)`,
  });
}
