import type { Actor } from '../actor/actor';
import { fresh, type SqlPredicate } from '../database/sql';
import { Action, ADMIN_GRANTS, PERMISSION_MATRIX, Reach } from './permission-matrix';

/** Where an action is attempted, as SQL over the row the statement writes or reads (`ActionScope`'s columns). */
export interface ActionScopeSql {
  /** The owning network's id, e.g. `c.network_id`. */
  readonly network: string;
  /**
   * A boolean SQL expression: the target is shared with one of the networks in the `uuid[]` bound to
   * the given parameter, e.g. `(p) => \`EXISTS (… cp.network_id = ANY(CAST(:${p} AS uuid[])))\``.
   * Omitted: shared with no network.
   */
  readonly sharedWith?: (networksParam: string) => string;
  /** The target's member state (two letters), or omitted. */
  readonly memberState?: string;
  /** Boolean SQL expressions for the flags of `ActionScope`; an omitted one is false. */
  readonly assigned?: string;
  readonly own?: string;
  readonly granted?: string;
  readonly visible?: string;
}

/**
 * The same rule as `can(actor, action, scope)`, as a SQL condition with named parameters, for a
 * statement that decides and writes at once (a chat message's `INSERT … SELECT … WHERE may post`).
 * Built from the same matrix: for each reach, the networks whose membership grants the action with
 * it. The integration suite checks both forms on every cell of the matrix.
 */
export function canSql(actor: Actor, action: Action, scope: ActionScopeSql): SqlPredicate {
  if (actor.isAdmin && ADMIN_GRANTS.has(action)) return { sql: 'TRUE', params: {} };
  const byReach = new Map<Reach, { networks: Set<string>; states: Map<string, Set<string>> }>();
  for (const m of actor.memberships) {
    for (const reach of PERMISSION_MATRIX[m.role][action] ?? []) {
      let entry = byReach.get(reach);
      if (!entry) byReach.set(reach, (entry = { networks: new Set(), states: new Map() }));
      entry.networks.add(m.networkId);
      if (m.memberState !== null) {
        const states = entry.states.get(m.networkId) ?? new Set<string>();
        entry.states.set(m.networkId, states.add(m.memberState));
      }
    }
  }
  const params: Record<string, unknown> = {};
  const clauses: string[] = [];
  const bind = (value: unknown) => {
    const name = fresh('can');
    params[name] = value;
    return name;
  };
  for (const [reach, { networks, states }] of byReach) {
    const ids = bind([...networks]);
    const inOwner = `${scope.network} = ANY(CAST(:${ids} AS uuid[]))`;
    const inOwnerOrShared = scope.sharedWith ? `(${inOwner} OR ${scope.sharedWith(ids)})` : inOwner;
    const flag = (expression: string | undefined) => (expression ? `(${inOwnerOrShared} AND ${expression})` : null);
    let clause: string | null;
    switch (reach) {
      case 'NETWORK':
        clause = inOwner;
        break;
      case 'OWN_STATE': {
        if (!scope.memberState || states.size === 0) {
          clause = null;
          break;
        }
        const pairs = [...states].flatMap(([network, set]) => [...set].map((state) => [network, state]));
        const pairNetworks = bind(pairs.map(([network]) => network));
        const pairStates = bind(pairs.map(([, state]) => state));
        clause = `EXISTS (SELECT 1 FROM unnest(CAST(:${pairNetworks} AS uuid[]), CAST(:${pairStates} AS text[])) AS g(n, s)
          WHERE g.n = ${scope.network} AND g.s = trim(${scope.memberState}))`;
        break;
      }
      case 'SHARED':
        clause = inOwnerOrShared;
        break;
      case 'ASSIGNED':
        clause = flag(scope.assigned);
        break;
      case 'PERSONAL':
        clause = flag(scope.own);
        break;
      case 'GRANTED':
        clause = flag(scope.granted);
        break;
      case 'VISIBLE':
        clause = flag(scope.visible);
        break;
      default:
        clause = null;
    }
    if (clause) clauses.push(clause);
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
