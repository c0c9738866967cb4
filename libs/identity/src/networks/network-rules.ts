import countries from 'i18n-iso-countries';
import {
  DomainError,
  FieldError,
  isAuthenticated,
  NETWORK_ROLES,
  NetworkRole,
  STATE_BOUND_ROLES,
  type Actor,
} from '@enlace/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients are checked before they reach SQL: a malformed id is simply not found. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Slugs as the `network` table's CHECK accepts them: lowercase words of letters and digits joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;

/** An assigned ISO 3166-1 alpha-2 code, in capitals (from the maintained `i18n-iso-countries` data). */
export function isMemberStateCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

/** A calendar date `YYYY-MM-DD` that exists, between 1900 and 2999 (terms, not history). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(?:19|2\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function requireAuthenticated(actor: Actor): asserts actor is Actor & { personId: string; accountId: string } {
  if (!isAuthenticated(actor)) throw DomainError.unauthenticated();
}

/** A keyset cursor's values, checked against the shape the list expects (else: invalid cursor). */
export function cursorKey<T extends readonly ('string' | 'number')[]>(
  key: readonly (string | number)[] | null,
  shape: T,
): { [I in keyof T]: T[I] extends 'string' ? string : number } | null {
  if (key === null) return null;
  if (key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw DomainError.badInput([{ field: 'after', key: 'validation:invalidCursor' }]);
  }
  return key as never;
}

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
    if (!isMemberStateCode(state)) {
      return [{ field: 'memberState', key: 'networks:unknownMemberState', params: { value: state } }];
    }
    return [];
  }
  return state === null ? [] : [{ field: 'memberState', key: 'networks:memberStateNotAllowed' }];
}
