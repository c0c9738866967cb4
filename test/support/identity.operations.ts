import type { Operation } from './test-app';

/** Operation builders for the identity part of the API: each returns `{ query, variables }`. */

export const ME_FIELDS = `id name email preferredLanguage isAdmin
  memberships { id networkId role memberState startsOn endsOn }`;

export function signIn(email: string, password: string): Operation {
  return {
    query: `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token expiresAt me { id email } } }`,
    variables: { input: { email, password } },
  };
}

/** One document with `count` aliased signIn calls (a1, a2...), all with the same credentials. */
export function signInAliases(email: string, password: string, count: number): Operation {
  const calls = Array.from(
    { length: count },
    (_, i) => `a${i + 1}: signIn(input: { email: $email, password: $password }) { token }`,
  );
  return {
    query: `mutation Many($email: String!, $password: String!) { ${calls.join('\n')} }`,
    variables: { email, password },
  };
}

export function signOut(): Operation {
  return { query: `mutation { signOut }` };
}

export function me(): Operation {
  return { query: `query Me { me { ${ME_FIELDS} } }` };
}

export function updateMe(input: { name?: string; preferredLanguage?: string }): Operation {
  return {
    query: `mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { ${ME_FIELDS} } }`,
    variables: { input },
  };
}

export function inviteToNetwork(input: {
  networkId: string;
  email: string;
  role: string;
  memberState?: string;
  language?: string;
}): Operation {
  return {
    query: `mutation Invite($input: InviteToNetworkInput!) {
      inviteToNetwork(input: $input) { id networkId email role memberState language createdAt expiresAt }
    }`,
    variables: { input },
  };
}

export function acceptInvitation(input: { token: string; name?: string; password: string }): Operation {
  return {
    query: `mutation Accept($input: AcceptInvitationInput!) {
      acceptInvitation(input: $input) { token expiresAt me { ${ME_FIELDS} } }
    }`,
    variables: { input },
  };
}

export function requestPasswordReset(email: string): Operation {
  return {
    query: `mutation RequestReset($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`,
    variables: { input: { email } },
  };
}

export function resetPassword(token: string, newPassword: string): Operation {
  return {
    query: `mutation Reset($input: ResetPasswordInput!) { resetPassword(input: $input) }`,
    variables: { input: { token, newPassword } },
  };
}
