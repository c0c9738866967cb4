import { type Language, type NetworkRole, personTimeZone } from '@enlace/core';

/** What a sign-in needs to know about an account: its credentials and its person's name and language. */
export interface AccountCredentials {
  readonly accountId: string;
  readonly personId: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly preferredLanguage: Language;
  readonly name: string;
  /** The IANA time zone the person reads dates in (chosen, else their country's, else UTC). */
  readonly timeZone: string;
}

export interface ProfileMembership {
  readonly id: string;
  readonly networkId: string;
  readonly role: NetworkRole;
  readonly memberState: string | null;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** A signed-in person's own record. */
export interface Profile {
  readonly personId: string;
  readonly accountId: string;
  readonly name: string;
  readonly email: string;
  readonly preferredLanguage: Language;
  readonly isAdmin: boolean;
  /** Current and upcoming terms (not those that have ended), oldest first. */
  readonly memberships: readonly ProfileMembership[];
}

/** An `account` row joined to its person's name and language. */
export interface CredentialsRow {
  account_id: string;
  person_id: string;
  email: string;
  password_hash: string;
  is_admin: boolean;
  preferred_language: Language;
  name: string;
  time_zone: string | null;
  country_code: string | null;
}

export function toAccountCredentials(row: CredentialsRow): AccountCredentials {
  return {
    accountId: row.account_id,
    personId: row.person_id,
    email: row.email,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin,
    preferredLanguage: row.preferred_language,
    name: row.name,
    timeZone: personTimeZone(row.time_zone, row.country_code),
  };
}

export interface ProfileRow {
  person_id: string;
  account_id: string;
  name: string;
  email: string;
  preferred_language: Language;
  is_admin: boolean;
  memberships: ProfileMembership[];
}

export function toProfile(row: ProfileRow): Profile {
  return {
    personId: row.person_id,
    accountId: row.account_id,
    name: row.name,
    email: row.email,
    preferredLanguage: row.preferred_language,
    isAdmin: row.is_admin,
    memberships: row.memberships.map((m) => ({ ...m, memberState: m.memberState?.trim() ?? null })),
  };
}
