import { fresh, type SqlPredicate } from '../database/sql';
import { Actor, hasRole, memberNetworkIds, Visibility } from './actor';

/** What the predicate needs to know about a shareable record. */
export interface ShareableRecord {
  readonly networkId: string;
  readonly visibility: Visibility;
  /** The record's own participants (invitees, channel members, a plan's country team...). */
  readonly participantIds?: readonly string[];
}

/**
 * SPEC §3, in code. Deny by default:
 * - PUBLIC: anyone, anonymous included;
 * - PARTNERS: members of the owning network and of its partner networks;
 * - NETWORK: members of the owning network (and platform administrators);
 * - RESTRICTED: the record's participants and the owning network's secretariat.
 * A record's own participants (an invitee from outside the network, a channel member from a partner)
 * see it whatever its visibility: a broader visibility never shows a record to fewer people.
 * Platform administrators manage every network, so they read PUBLIC, PARTNERS and NETWORK records
 * everywhere; RESTRICTED records stay with their participants and secretariat (docs/decisions/0003).
 */
export function canSee(actor: Actor, record: ShareableRecord): boolean {
  if (actor.personId !== null && (record.participantIds ?? []).includes(actor.personId)) return true;
  switch (record.visibility) {
    case 'PUBLIC':
      return true;
    case 'PARTNERS':
      return (
        actor.isAdmin ||
        memberNetworkIds(actor).includes(record.networkId) ||
        actor.partnerNetworkIds.includes(record.networkId)
      );
    case 'NETWORK':
      return actor.isAdmin || memberNetworkIds(actor).includes(record.networkId);
    case 'RESTRICTED':
      return hasRole(actor, record.networkId, ['SECRETARIAT']);
    default:
      return false;
  }
}

export interface VisibilityColumns {
  /** SQL expression for the owning network id, e.g. `m.network_id`. */
  readonly network: string;
  /** SQL expression for the visibility, e.g. `m.visibility`. */
  readonly visibility: string;
  /**
   * Builds a boolean SQL expression that is true when the person bound to the given parameter is a
   * participant of the row, e.g. `(p) => \`m.person_id = :${p}\``. Omitted: the record has no participants.
   */
  readonly participant?: (personParam: string) => string;
}

/**
 * The same predicate as `canSee`, as a SQL condition with named parameters for a TypeORM query
 * builder. Every repository that lists or loads shareable records adds it to its WHERE clause; the
 * integration suite checks that both forms agree on every cell.
 */
export function visibilitySql(actor: Actor, columns: VisibilityColumns): SqlPredicate {
  const p = fresh('vis');
  const members = `${p}_members`;
  const partners = `${p}_partners`;
  const secretariat = `${p}_secretariat`;
  const person = `${p}_person`;
  const memberIds = memberNetworkIds(actor);
  const secretariatIds = actor.memberships.filter((m) => m.role === 'SECRETARIAT').map((m) => m.networkId);
  const anyOf = (param: string) => `${columns.network} = ANY(CAST(:${param} AS uuid[]))`;

  const clauses = [`${columns.visibility} = 'PUBLIC'`];
  if (actor.isAdmin) {
    clauses.push(`${columns.visibility} IN ('PARTNERS', 'NETWORK')`);
  } else {
    clauses.push(`(${columns.visibility} IN ('PARTNERS', 'NETWORK') AND ${anyOf(members)})`);
    clauses.push(`(${columns.visibility} = 'PARTNERS' AND ${anyOf(partners)})`);
  }
  clauses.push(`(${columns.visibility} = 'RESTRICTED' AND ${anyOf(secretariat)})`);
  if (columns.participant && actor.personId !== null) {
    clauses.push(`(${columns.participant(person)})`);
  }
  return {
    sql: `(${clauses.join(' OR ')})`,
    params: {
      [members]: memberIds,
      [partners]: [...actor.partnerNetworkIds],
      [secretariat]: secretariatIds,
      [person]: actor.personId,
    },
  };
}

/**
 * The same rule as sets of keys, for records whose audience is stored with them and indexed (a
 * person's `vis_keys`): `recordKeys` names who may see a record, `audienceKeys` what a caller holds,
 * and `canSee(actor, record)` holds exactly when the two sets meet (`keysMeet`). SQL computes a
 * record's keys with `visibility_keys(network, visibility)` (migration 1732600000000), the caller's
 * keys are bound as one `text[]` parameter and compared with `&&`.
 *
 * - `*`: anyone (PUBLIC);
 * - `p:<network>`: members of the network and of its partners (PARTNERS);
 * - `n:<network>`: members of the network (NETWORK);
 * - `s:<network>`: the network's secretariat (RESTRICTED);
 * - `a`: platform administrators (PARTNERS and NETWORK records);
 * - `u:<person>`: the person themself (a participant).
 * A caller's memberships are those whose term is current; whoever holds `s:` holds `n:`, whoever
 * holds `n:` holds `p:`.
 */
export function recordKeys(record: ShareableRecord): string[] {
  const keys = visibilityKeys(record.networkId, record.visibility);
  for (const id of record.participantIds ?? []) keys.push(`u:${id}`);
  return keys;
}

/** The keys of one visibility of a network's record, participants aside (SQL: `visibility_keys`). */
export function visibilityKeys(networkId: string, visibility: Visibility): string[] {
  switch (visibility) {
    case 'PUBLIC':
      return ['*'];
    case 'PARTNERS':
      return [`p:${networkId}`, 'a'];
    case 'NETWORK':
      return [`n:${networkId}`, 'a'];
    case 'RESTRICTED':
      return [`s:${networkId}`];
    default:
      return [];
  }
}

const actorKeys = new WeakMap<Actor, readonly string[]>();

/** What `actor` holds, computed once per actor (an actor is built once per request). */
export function audienceKeys(actor: Actor): readonly string[] {
  let keys = actorKeys.get(actor);
  if (!keys) {
    const held = new Set<string>(['*']);
    if (actor.personId !== null) held.add(`u:${actor.personId}`);
    if (actor.isAdmin) held.add('a');
    for (const m of actor.memberships) {
      held.add(`n:${m.networkId}`).add(`p:${m.networkId}`);
      if (m.role === 'SECRETARIAT') held.add(`s:${m.networkId}`);
    }
    for (const id of actor.partnerNetworkIds) held.add(`p:${id}`);
    keys = [...held].sort();
    actorKeys.set(actor, keys);
  }
  return keys;
}

export function keysMeet(held: readonly string[], keys: readonly string[]): boolean {
  return keys.some((k) => held.includes(k));
}
