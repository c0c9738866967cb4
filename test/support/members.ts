import type { DataSource } from 'typeorm';
import { insertAccount, insertMembership, insertSession, TestPerson } from '@enlace/testing';

type AccountOptions = NonNullable<Parameters<typeof insertAccount>[1]>;

/**
 * With a network: a current term in it, in `role` (bound to `memberState` for a seat), seen by its
 * `visibility` (NETWORK unless given; PARTNERS lets partner networks see and invite the person).
 */
type MembershipOptions =
  | {
      readonly networkId: string;
      readonly role: string;
      readonly memberState?: string | null;
      readonly visibility?: 'PUBLIC' | 'PARTNERS' | 'NETWORK' | 'RESTRICTED';
    }
  | { readonly networkId?: null; readonly role?: never; readonly memberState?: never; readonly visibility?: never };

export type SignedInMemberOptions = AccountOptions & MembershipOptions;

export interface SignedInMember extends TestPerson {
  /** The bearer token of a live session, as signing in would have returned it. */
  readonly token: string;
  /** The membership opened in `networkId`; null without a network. */
  readonly membershipId: string | null;
}

/**
 * Who an end-to-end test acts as: a person with an account, a membership of `networkId` in `role`
 * when a network is named, and a live session (inserted directly: no argon2, no sign-in limits).
 *
 *   const secretariat = await signedInMember(t, { name: 'Sara', networkId, role: 'SECRETARIAT' });
 *   await t.gql(operation, { token: secretariat.token });
 */
export function signedInMember(
  app: { readonly dataSource: DataSource },
  options: AccountOptions & {
    readonly networkId: string;
    readonly role: string;
    readonly memberState?: string | null;
    readonly visibility?: 'PUBLIC' | 'PARTNERS' | 'NETWORK' | 'RESTRICTED';
  },
): Promise<SignedInMember & { readonly membershipId: string }>;
export function signedInMember(
  app: { readonly dataSource: DataSource },
  options?: SignedInMemberOptions,
): Promise<SignedInMember>;
export async function signedInMember(
  app: { readonly dataSource: DataSource },
  options: SignedInMemberOptions = {},
): Promise<SignedInMember> {
  const { networkId, role, memberState, visibility, ...account } = options;
  const person = await insertAccount(app.dataSource, account);
  const membership = networkId
    ? await insertMembership(app.dataSource, {
        personId: person.personId,
        networkId,
        role: role as string,
        memberState,
        visibility,
      })
    : null;
  const token = await insertSession(app.dataSource, person.accountId);
  return { ...person, token, membershipId: membership?.id ?? null };
}
