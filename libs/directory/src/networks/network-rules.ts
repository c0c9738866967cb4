import { FieldError, isCountryCode, NETWORK_ROLES, NetworkRole, STATE_BOUND_ROLES } from '@enlace/core';

/** Slugs as the `network` table's CHECK accepts them: lowercase words of letters and digits joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;

/**
 * The one rule for a role and its member state, shared by memberships and invitations: focal points
 * and alternates represent one ISO 3166-1 member state; other roles carry none.
 */
export function checkRoleAndMemberState(role: string, memberState: string | null | undefined): FieldError[] {
  const state = memberState === undefined || memberState === '' ? null : memberState;
  if (!(NETWORK_ROLES as readonly string[]).includes(role)) {
    return [{ field: 'role', key: 'validation:invalidValue' }];
  }
  if (STATE_BOUND_ROLES.includes(role as NetworkRole)) {
    if (state === null) return [{ field: 'memberState', key: 'networks:memberStateRequired' }];
    if (!isCountryCode(state)) {
      return [{ field: 'memberState', key: 'networks:unknownMemberState', params: { value: state } }];
    }
    return [];
  }
  return state === null ? [] : [{ field: 'memberState', key: 'networks:memberStateNotAllowed' }];
}
