import { Actor, audienceKeys, audienceKeysSql, fresh, SqlPredicate, visibilitySql } from '@enlace/core';
import { networkVisibleSql } from '../directory-sql.repository';
import { currentTermSql, membershipVisibleByKeys } from '../memberships/membership.visibility';
import type { MembershipFilter } from './person-search.repository';

/**
 * A person's memberships `actor` may see (its own visibility and its network's, by audience keys),
 * narrowed by `filter`, as an EXISTS over the person row `alias`.
 */
export function visibleMembershipExists(actor: Actor, alias: string, filter: MembershipFilter = {}): SqlPredicate {
  const m = fresh('vm');
  const n = fresh('vn');
  const params: Record<string, unknown> = {};
  const where = [`${m}.person_id = ${alias}.id`];
  if (filter.networkId) {
    where.push(`${m}.network_id = CAST(:${m}_net AS uuid)`);
    params[`${m}_net`] = filter.networkId;
  }
  if (filter.role) {
    where.push(`${m}.role = :${m}_role`);
    params[`${m}_role`] = filter.role;
  }
  if (filter.memberState) {
    where.push(`${m}.member_state = :${m}_state`);
    params[`${m}_state`] = filter.memberState;
  }
  if (filter.activeOnly) where.push(currentTermSql(m));
  const visible = membershipVisibleByKeys(actor, m, n);
  return {
    sql: `EXISTS (SELECT 1 FROM membership ${m} JOIN network ${n} ON ${n}.id = ${m}.network_id
      WHERE ${where.join(' AND ')} AND ${visible.sql})`,
    params: { ...params, ...visible.params },
  };
}

/**
 * Who may see a person's directory record: the person themself; anyone who may see one of their
 * memberships (past terms included — "who represented Paraguay in 2013?"); platform administrators
 * also see people who hold no membership at all (so that nobody is unreachable). The database keeps
 * that rule on the person as audience keys (`person.vis_keys`, migration 1732600000000, triggers on
 * membership and network), so the check is one array overlap with the caller's keys, which the
 * search indexes hold beside the words.
 */
export function personVisibility(actor: Actor, alias: string): SqlPredicate {
  const keys = fresh('keys');
  return { sql: `${alias}.vis_keys && CAST(:${keys} AS text[])`, params: { [keys]: [...audienceKeys(actor)] } };
}

/**
 * Contact details (alias `c`) `actor` may read: their own; otherwise by the contact's own visibility
 * relative to the networks its person belongs to (SPEC §3: "per person's contact visibility"; a
 * network's secretariat reads RESTRICTED ones through the same predicate).
 */
export function contactVisibility(actor: Actor, alias: string): SqlPredicate {
  const m = fresh('cm');
  const n = fresh('cn');
  const own = visibilitySql(actor, { network: `${m}.network_id`, visibility: `${alias}.visibility` });
  const network = networkVisibleSql(actor, n);
  const clauses = [
    `${alias}.visibility = 'PUBLIC'`,
    `EXISTS (SELECT 1 FROM membership ${m} JOIN network ${n} ON ${n}.id = ${m}.network_id
      WHERE ${m}.person_id = ${alias}.person_id AND ${own.sql} AND ${network.sql})`,
  ];
  const params: Record<string, unknown> = { ...own.params, ...network.params };
  if (actor.personId !== null) {
    const self = fresh('self');
    clauses.push(`${alias}.person_id = CAST(:${self} AS uuid)`);
    params[self] = actor.personId;
  }
  return { sql: `(${clauses.join(' OR ')})`, params };
}

/**
 * The audience keys of the person `personId` (an SQL expression) as a request of theirs would hold
 * them now (`audienceKeys`), from where the directory keeps what they come from: the account's
 * administrator flag, the person's current terms and those networks' partners. For checks made on
 * someone's behalf without a request (a notification rendered for its reader). Core's
 * `audienceKeysSql` writes the keys from the definition `audienceKeys` reads, and
 * `network.int-spec.ts` checks both against actors resolved from real sessions.
 */
export function readerKeysSql(personId: string): string {
  const m = fresh('rm');
  const a = fresh('ra');
  const np = fresh('rp');
  return audienceKeysSql({
    person: personId,
    isAdmin: `EXISTS (SELECT 1 FROM account ${a} WHERE ${a}.person_id = ${personId} AND ${a}.is_admin)`,
    terms: `SELECT ${m}.network_id, ${m}.role FROM membership ${m} WHERE ${m}.person_id = ${personId} AND ${currentTermSql(m)}`,
    partners: `SELECT ${np}.partner_id FROM membership ${m} JOIN network_partner ${np} ON ${np}.network_id = ${m}.network_id
                WHERE ${m}.person_id = ${personId} AND ${currentTermSql(m)}`,
  });
}
