import { Actor, can } from '@enlace/core';

/**
 * Shared reference records (organisations) are read by anyone who reads a network's directory — a
 * current member of any network — and by administrators (docs/decisions/0009).
 */
export function canReadReference(actor: Actor): boolean {
  return actor.isAdmin || actor.memberships.some((m) => can(actor, 'READ_DIRECTORY', { networkId: m.networkId }));
}

/** Secretariats (of any network) and administrators keep the shared reference records. */
export function canEditReference(actor: Actor): boolean {
  return actor.isAdmin || actor.memberships.some((m) => can(actor, 'MANAGE_NETWORK', { networkId: m.networkId }));
}

/** May `actor` manage a person's record: an administrator, or the secretariat of a network the person belongs to. */
export function canManagePerson(actor: Actor, personNetworkIds: readonly string[]): boolean {
  return actor.isAdmin || personNetworkIds.some((networkId) => can(actor, 'MANAGE_NETWORK', { networkId }));
}
