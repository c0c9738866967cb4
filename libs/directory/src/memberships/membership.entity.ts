import type { NetworkRole, Visibility } from '@enlace/core';

/**
 * Person × network × role × member state × term. A term is current while `startsOn` has come and
 * `endsOn` is null or in the future. A term opened by a handover points at the term it ended.
 */
export interface Membership {
  readonly id: string;
  readonly personId: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
  readonly succeedsId: string | null;
}

/** A term as the focal-point directory names it (the same row). */
export type Term = Membership;

/** A `membership` row as `MEMBERSHIP_COLUMNS` selects it (dates as text). */
export interface MembershipRow {
  id: string;
  person_id: string;
  network_id: string;
  role: NetworkRole;
  member_state: string | null;
  starts_on: string;
  ends_on: string | null;
  visibility: Visibility;
  succeeds_id: string | null;
}

export function toMembership(r: MembershipRow): Membership {
  return {
    id: r.id,
    personId: r.person_id,
    networkId: r.network_id,
    role: r.role,
    memberState: r.member_state === null ? null : r.member_state.trim(),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    visibility: r.visibility,
    succeedsId: r.succeeds_id,
  };
}

/** What the audit log keeps of a term. */
export function termSnapshot(t: Membership): Record<string, unknown> {
  return {
    personId: t.personId,
    networkId: t.networkId,
    role: t.role,
    memberState: t.memberState,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    visibility: t.visibility,
    succeedsId: t.succeedsId,
  };
}

/** What the audit log keeps of a membership added by hand (`addMembership`). */
export function membershipSnapshot(m: Membership): Record<string, unknown> {
  return {
    personId: m.personId,
    networkId: m.networkId,
    role: m.role,
    memberState: m.memberState,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    visibility: m.visibility,
  };
}
