import { fresh, type SqlPredicate } from '../database/sql';
import { Actor, hasRole, memberNetworkIds, NetworkRole, Visibility } from './actor';

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

/**
 * What a caller's keys come from, written once for both forms: `audienceKeys` (a request's actor)
 * and `audienceKeysSql` (anyone's, computed by SQL).
 */
const AUDIENCE: {
  /** Everyone's key, anonymous callers included. */
  readonly anyone: string;
  /** The prefix of the person's own key (on their id). */
  readonly person: string;
  /** Platform administrators' key. */
  readonly admin: string;
  /** The keys of each current term, as prefixes on its network's id; `roles`: only terms in those roles. */
  readonly term: readonly { readonly prefix: string; readonly roles?: readonly NetworkRole[] }[];
  /** The prefix on the id of each partner of those terms' networks. */
  readonly partner: string;
} = {
  anyone: '*',
  person: 'u:',
  admin: 'a',
  term: [{ prefix: 'n:' }, { prefix: 'p:' }, { prefix: 's:', roles: ['SECRETARIAT'] }],
  partner: 'p:',
};

const actorKeys = new WeakMap<Actor, readonly string[]>();

/** What `actor` holds, computed once per actor (an actor is built once per request). */
export function audienceKeys(actor: Actor): readonly string[] {
  let keys = actorKeys.get(actor);
  if (!keys) {
    const held = new Set<string>([AUDIENCE.anyone]);
    if (actor.personId !== null) held.add(`${AUDIENCE.person}${actor.personId}`);
    if (actor.isAdmin) held.add(AUDIENCE.admin);
    for (const m of actor.memberships) {
      for (const k of AUDIENCE.term) if (!k.roles || k.roles.includes(m.role)) held.add(`${k.prefix}${m.networkId}`);
    }
    for (const id of actor.partnerNetworkIds) held.add(`${AUDIENCE.partner}${id}`);
    keys = [...held].sort();
    actorKeys.set(actor, keys);
  }
  return keys;
}

/**
 * Where SQL finds what a person's keys come from (the tables are their contexts'; core knows none).
 * Each is SQL text; nothing in it is a value (ids are columns or bound parameters of the caller's).
 */
export interface AudienceSources {
  /** The person's id, a uuid expression. */
  readonly person: string;
  /** True when the person is a platform administrator, a boolean expression. */
  readonly isAdmin: string;
  /** The person's current terms: a query of two columns, network id and role, in this order. */
  readonly terms: string;
  /** The partners of those terms' networks: a query of one column, the partner network's id. */
  readonly partners: string;
}

/**
 * The keys `audienceKeys` gives a request of the person `sources.person`, computed by SQL as a
 * `text[]` expression (in no particular order, possibly repeated: it is compared with `&&`), for
 * checks made on someone's behalf without a request (a notification rendered for its reader).
 * Built from the same definition as `audienceKeys`, so the two forms cannot say different things.
 */
export function audienceKeysSql(sources: AudienceSources): string {
  const t = fresh('ak_t');
  const p = fresh('ak_p');
  const ofTerm = AUDIENCE.term.map((k) => {
    const key = `${literal(k.prefix)} || ${t}.network_id::text`;
    return k.roles ? `CASE WHEN ${t}.role IN (${k.roles.map(literal).join(', ')}) THEN ${key} END` : key;
  });
  return `array_remove(ARRAY[${literal(AUDIENCE.anyone)}, ${literal(AUDIENCE.person)} || (${sources.person})::text,
      CASE WHEN ${sources.isAdmin} THEN ${literal(AUDIENCE.admin)} END]
    || ARRAY(SELECT k FROM (${sources.terms}) AS ${t} (network_id, role), unnest(ARRAY[${ofTerm.join(', ')}]) AS k)
    || ARRAY(SELECT ${literal(AUDIENCE.partner)} || ${p}.id::text FROM (${sources.partners}) AS ${p} (id)), NULL)`;
}

/** A constant of this file as an SQL string literal (never a value from outside). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function keysMeet(held: readonly string[], keys: readonly string[]): boolean {
  return keys.some((k) => held.includes(k));
}
