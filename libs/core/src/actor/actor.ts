import type { Language } from '../i18n/languages';

export const NETWORK_ROLES = [
  'SECRETARIAT',
  'FOCAL_POINT',
  'ALTERNATE_FOCAL_POINT',
  'CIVIL_SOCIETY',
  'TRAINER',
  'OBSERVER',
] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

/** Roles bound to one member state. */
export const STATE_BOUND_ROLES: readonly NetworkRole[] = ['FOCAL_POINT', 'ALTERNATE_FOCAL_POINT'];

export const VISIBILITIES = ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface ActorMembership {
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
}

/**
 * Who is asking: built once per request (or socket, or job) from the session, with the memberships
 * whose term is current and the partners of those networks. Every service takes one.
 */
export interface Actor {
  readonly personId: string | null;
  readonly accountId: string | null;
  readonly sessionId: string | null;
  readonly isAdmin: boolean;
  readonly memberships: readonly ActorMembership[];
  /** Networks that are partners of at least one network the actor belongs to. */
  readonly partnerNetworkIds: readonly string[];
  readonly lang: Language;
  readonly requestId?: string;
  /** The signed-in person's name, loaded with the session (absent for anonymous and system actors). */
  readonly name?: string;
}

export function anonymousActor(lang: Language, requestId?: string): Actor {
  return {
    personId: null,
    accountId: null,
    sessionId: null,
    isAdmin: false,
    memberships: [],
    partnerNetworkIds: [],
    lang,
    requestId,
  };
}

export function isAuthenticated(actor: Actor): actor is Actor & { personId: string; accountId: string } {
  return actor.personId !== null;
}

export function memberNetworkIds(actor: Actor): string[] {
  return [...new Set(actor.memberships.map((m) => m.networkId))];
}

export function hasRole(actor: Actor, networkId: string, roles: readonly NetworkRole[]): boolean {
  return actor.memberships.some((m) => m.networkId === networkId && roles.includes(m.role));
}
