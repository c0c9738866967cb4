import { insertAccount, insertNetwork, TestPerson } from '@enlace/testing';
import { acceptInvitation, inviteToNetwork, me, signIn } from './support/identity.operations';
import { signedInMember, SignedInMemberOptions } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Invitation = {
  id: string;
  networkId: string;
  email: string;
  role: string;
  memberState: string | null;
  language: string;
  createdAt: string;
  expiresAt: string;
};
type Accepted = {
  acceptInvitation: {
    token: string;
    me: {
      id: string;
      name: string;
      email: string;
      memberships: { networkId: string; role: string; memberState: string | null; startsOn: string }[];
    };
  };
};
type OutboxRow = { recipient: string; language: string; template: string; params: Record<string, string> };

// argon2id at production cost takes ~150 ms per hash or check.

describe('invitations', () => {
  let t: TestApp;
  let network: { id: string };
  let secretariat: TestPerson & { token: string };

  async function signedIn(options: SignedInMemberOptions = {}) {
    return signedInMember(t, options);
  }

  async function member(networkId: string, role: string, memberState?: string) {
    return signedInMember(t, { networkId, role, memberState });
  }

  async function outboxFor(email: string): Promise<OutboxRow[]> {
    return (await t.dataSource.query(
      `SELECT recipient, language, template, params FROM email_outbox WHERE recipient = $1 ORDER BY created_at`,
      [email],
    )) as OutboxRow[];
  }

  /** The token a test reads from the emailed link, as the invitee would. */
  function tokenOf(row: OutboxRow): string {
    return new URL(row.params.link).searchParams.get('token') as string;
  }

  async function invite(input: Parameters<typeof inviteToNetwork>[0], token = secretariat.token) {
    const res = await t.gql<{ inviteToNetwork: Invitation }>(inviteToNetwork(input), { token });
    expect(res.body.errors).toBeUndefined();
    const rows = await outboxFor(input.email.toLowerCase());
    return { invitation: res.body.data!.inviteToNetwork, token: tokenOf(rows[rows.length - 1]) };
  }

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://enlace.example.org/' });
    network = await insertNetwork(t.dataSource, {
      name: {
        es: { text: 'Red Latinoamericana', status: 'ORIGINAL' },
        en: { text: 'Latin American Network', status: 'TRANSLATED' },
      },
      defaultLanguage: 'es',
      workingLanguages: ['es', 'en'],
    });
    secretariat = await member(network.id, 'SECRETARIAT');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the secretariat invite a focal point, who accepts, is signed in and becomes a member', async () => {
    const email = 'nueva.persona@example.org';
    const res = await t.gql<{ inviteToNetwork: Invitation }>(
      inviteToNetwork({
        networkId: network.id,
        email: 'Nueva.Persona@Example.org',
        role: 'FOCAL_POINT',
        memberState: 'PY',
      }),
      { token: secretariat.token },
    );
    expect(res.body.errors).toBeUndefined();
    const invitation = res.body.data!.inviteToNetwork;
    expect(invitation).toEqual({
      id: expect.any(String),
      networkId: network.id,
      email,
      role: 'FOCAL_POINT',
      memberState: 'PY',
      language: 'es',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    // The email waits in the outbox, in the invitation's language, with the link that carries the token.
    const [email1] = await outboxFor(email);
    expect(email1).toMatchObject({
      recipient: email,
      language: 'es',
      template: 'invitation',
      params: {
        networkName: 'Red Latinoamericana',
        role: 'FOCAL_POINT',
        memberState: 'PY',
        inviterName: secretariat.email.split('@')[0],
        link: expect.stringMatching(/^https:\/\/enlace\.example\.org\/accept-invitation\?token=enl_[A-Za-z0-9_-]{43}$/),
      },
    });
    const token = tokenOf(email1);
    const [stored] = (await t.dataSource.query(`SELECT token_hash FROM invitation WHERE id = $1`, [invitation.id])) as {
      token_hash: Buffer;
    }[];
    expect(stored.token_hash).toHaveLength(32);
    const audit = (await t.dataSource.query(`SELECT * FROM audit_log WHERE entity_id = $1`, [invitation.id])) as {
      actor_person_id: string;
      network_id: string;
      action: string;
    }[];
    expect(audit).toMatchObject([{ actor_person_id: secretariat.personId, network_id: network.id, action: 'create' }]);
    expect(JSON.stringify(audit)).not.toContain(token);

    // Accepting creates the account, starts the membership today and signs the invitee in.
    const accepted = await t.gql<Accepted>(
      acceptInvitation({ token, name: ' Nueva Persona ', password: 'a brand new passphrase' }),
    );
    expect(accepted.body.errors).toBeUndefined();
    const session = accepted.body.data!.acceptInvitation;
    const [today] = (await t.dataSource.query(`SELECT current_date::text AS d`)) as { d: string }[];
    expect(session.me).toMatchObject({
      name: 'Nueva Persona',
      email,
      memberships: [{ networkId: network.id, role: 'FOCAL_POINT', memberState: 'PY', startsOn: today.d }],
    });
    const mine = await t.gql<{ me: { id: string; preferredLanguage: string } }>(me(), { token: session.token });
    expect(mine.body.data?.me).toMatchObject({ id: session.me.id, preferredLanguage: 'es' });
    const signedInAgain = await t.gql<{ signIn: { token: string } }>(signIn(email, 'a brand new passphrase'));
    expect(signedInAgain.body.data?.signIn.token).toBeDefined();

    // The link works once.
    const again = await t.gql(acceptInvitation({ token, name: 'Someone Else', password: 'another passphrase' }), {
      lang: 'fr',
    });
    expect(again.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Ce lien d’invitation n’est pas valide'),
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'token', message: expect.any(String) }] },
    });
    const actions = (await t.dataSource.query(
      `SELECT entity_type, action FROM audit_log WHERE actor_person_id = $1 ORDER BY id`,
      [session.me.id],
    )) as { entity_type: string; action: string }[];
    expect(actions).toEqual([
      { entity_type: 'account', action: 'create' },
      { entity_type: 'membership', action: 'create' },
      { entity_type: 'invitation', action: 'accept' },
      { entity_type: 'session', action: 'acceptInvitation' },
      { entity_type: 'session', action: 'signIn' },
    ]);
  });

  it('gives one clear error for forged, expired and replaced links', async () => {
    const forged = await t.gql(
      acceptInvitation({ token: 'enl_' + 'A'.repeat(43), name: 'X Y', password: 'long enough pw' }),
      {
        lang: 'es',
      },
    );
    const garbage = await t.gql(acceptInvitation({ token: 'not-a-token', name: 'X Y', password: 'long enough pw' }), {
      lang: 'es',
    });
    const first = await invite({ networkId: network.id, email: 'expired@example.org', role: 'OBSERVER' });
    await t.dataSource.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      first.invitation.id,
    ]);
    const expired = await t.gql(acceptInvitation({ token: first.token, name: 'X Y', password: 'long enough pw' }), {
      lang: 'es',
    });
    const older = await invite({ networkId: network.id, email: 'twice@example.org', role: 'OBSERVER' });
    const newer = await invite({ networkId: network.id, email: 'twice@example.org', role: 'OBSERVER' });
    const replaced = await t.gql(acceptInvitation({ token: older.token, name: 'X Y', password: 'long enough pw' }), {
      lang: 'es',
    });

    expect(forged.body.errors?.[0]).toEqual({
      message:
        'Este enlace de invitación no es válido: puede haber caducado, haber sido sustituido por uno más reciente o haberse usado ya. Pida una nueva invitación a la secretaría de la red.',
      locations: expect.any(Array),
      path: ['acceptInvitation'],
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          {
            field: 'token',
            message:
              'Este enlace de invitación no es válido: puede haber caducado, haber sido sustituido por uno más reciente o haberse usado ya. Pida una nueva invitación a la secretaría de la red.',
          },
        ],
      },
    });
    for (const res of [garbage, expired, replaced]) expect(res.body).toEqual(forged.body);
    const ok = await t.gql<Accepted>(acceptInvitation({ token: newer.token, name: 'X Y', password: 'long enough pw' }));
    expect(ok.body.data?.acceptInvitation.token).toBeDefined();
  });

  it('asks a new invitee for a name and a long enough password', async () => {
    const { token } = await invite({ networkId: network.id, email: 'short@example.org', role: 'TRAINER' });
    const res = await t.gql(acceptInvitation({ token, password: 'short' }));
    expect(res.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'name', message: 'This field is required.' },
        { field: 'password', message: 'At least 10 characters.' },
      ],
    });
  });

  it('adds a membership to an existing account without touching its password or name', async () => {
    const existing = await signedIn({ name: 'Existing Person' });
    const other = await insertNetwork(t.dataSource);
    const otherSecretariat = await member(other.id, 'SECRETARIAT');
    const { token } = await invite(
      { networkId: other.id, email: existing.email, role: 'CIVIL_SOCIETY', language: 'pt' },
      otherSecretariat.token,
    );

    const wrong = await t.gql(acceptInvitation({ token, name: 'Intruder', password: 'not the right password' }), {
      lang: 'pt',
    });
    expect(wrong.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'password',
          message: 'Este endereço de e-mail já tem uma conta. Digite a senha dessa conta para aceitar o convite.',
        },
      ],
    });

    const accepted = await t.gql<Accepted>(acceptInvitation({ token, name: 'Intruder', password: existing.password }));
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data?.acceptInvitation.me).toMatchObject({
      id: existing.personId,
      name: 'Existing Person',
      memberships: [{ networkId: other.id, role: 'CIVIL_SOCIETY', memberState: null }],
    });
    const [accounts] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM account WHERE email = $1`, [
      existing.email,
    ])) as { n: number }[];
    expect(accounts.n).toBe(1);
    expect((await t.gql(signIn(existing.email, existing.password))).body.errors).toBeUndefined();
    // Their earlier session still works.
    expect((await t.gql<{ me: { id: string } }>(me(), { token: existing.token })).body.data?.me.id).toBe(
      existing.personId,
    );
  });

  it('answers an invitation the same way whether or not the email has an account', async () => {
    const existing = await insertAccount(t.dataSource);
    const shape = (i: Invitation) => ({ ...i, id: 'ID', email: 'EMAIL', createdAt: 'T', expiresAt: 'T' });
    const a = await invite({ networkId: network.id, email: existing.email, role: 'OBSERVER' });
    const b = await invite({ networkId: network.id, email: 'nobody-yet@example.org', role: 'OBSERVER' });
    expect(shape(a.invitation)).toEqual(shape(b.invitation));
  });

  it('applies the membership rule for roles and member states (the same as addMembership)', async () => {
    for (const role of ['FOCAL_POINT', 'ALTERNATE_FOCAL_POINT']) {
      const res = await t.gql(inviteToNetwork({ networkId: network.id, email: 'fp@example.org', role }), {
        token: secretariat.token,
        lang: 'fr',
      });
      expect(res.body.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [
          {
            field: 'memberState',
            message:
              'Les points focaux et suppléants représentent un État membre : indiquez son code ISO 3166-1 à deux lettres.',
          },
        ],
      });
    }
    const cases: Array<[string, string, string]> = [
      ['FOCAL_POINT', 'P1', '"P1" is not an ISO 3166-1 two-letter country code'],
      ['FOCAL_POINT', 'ZZ', '"ZZ" is not an ISO 3166-1 two-letter country code'],
      ['OBSERVER', 'AR', 'Only focal points and alternates represent a member state'],
    ];
    for (const [role, memberState, message] of cases) {
      const bad = await t.gql(inviteToNetwork({ networkId: network.id, email: 'fp@example.org', role, memberState }), {
        token: secretariat.token,
      });
      expect(bad.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(bad.body.errors?.[0].extensions.fields).toEqual([
        { field: 'memberState', message: expect.stringContaining(message) },
      ]);
    }
    const [{ count }] = (await t.dataSource.query(
      `SELECT count(*)::int AS count FROM invitation WHERE email = 'fp@example.org'`,
    )) as { count: number }[];
    expect(count).toBe(0);
  });

  it('lets administrators invite to any network, RESTRICTED ones included', async () => {
    const admin = await signedIn({ isAdmin: true });
    const restricted = await insertNetwork(t.dataSource, { visibility: 'RESTRICTED' });
    for (const networkId of [network.id, restricted.id]) {
      const res = await t.gql<{ inviteToNetwork: Invitation }>(
        inviteToNetwork({ networkId, email: 'by-admin@example.org', role: 'SECRETARIAT' }),
        { token: admin.token },
      );
      expect(res.body.data?.inviteToNetwork).toMatchObject({ networkId, role: 'SECRETARIAT' });
    }
    // A member of a RESTRICTED network sees it, so is told FORBIDDEN rather than NOT_FOUND.
    const observer = await member(restricted.id, 'OBSERVER');
    const res = await t.gql(inviteToNetwork({ networkId: restricted.id, email: 'x@example.org', role: 'OBSERVER' }), {
      token: observer.token,
    });
    expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses focal points, members of other networks and anonymous callers', async () => {
    const focalPoint = await member(network.id, 'FOCAL_POINT', 'AR');
    const elsewhere = await insertNetwork(t.dataSource);
    const outsider = await member(elsewhere.id, 'SECRETARIAT');
    const hidden = await insertNetwork(t.dataSource, { visibility: 'NETWORK' });
    const input = (networkId: string) => ({ networkId, email: 'x@example.org', role: 'OBSERVER' });

    const code = async (networkId: string, token?: string) =>
      (await t.gql(inviteToNetwork(input(networkId)), { token })).body.errors?.[0].extensions.code;
    expect(await code(network.id, focalPoint.token)).toBe('FORBIDDEN');
    expect(await code(network.id, outsider.token)).toBe('FORBIDDEN'); // a PUBLIC network: visible, not theirs
    expect(await code(hidden.id, outsider.token)).toBe('NOT_FOUND');
    expect(await code(hidden.id, focalPoint.token)).toBe('NOT_FOUND');
    expect(await code(network.id)).toBe('UNAUTHENTICATED');

    // A network the caller cannot see is answered exactly like one that does not exist.
    const invisible = await t.gql(inviteToNetwork(input(hidden.id)), { token: outsider.token, lang: 'es' });
    const missing = await t.gql(inviteToNetwork(input('00000000-0000-4000-8000-000000000000')), {
      token: outsider.token,
      lang: 'es',
    });
    const garbage = await t.gql(inviteToNetwork(input('not-a-uuid')), { token: outsider.token, lang: 'es' });
    expect(invisible.body).toEqual(missing.body);
    expect(garbage.body).toEqual(missing.body);
    expect(missing.body.errors?.[0].message).toBe('No encontrado.');

    const [{ n }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM email_outbox WHERE recipient = 'x@example.org'`,
    )) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });

  it('never exposes the token in the API', async () => {
    const res = await t.gql(
      {
        query: `mutation { inviteToNetwork(input: { networkId: "${network.id}", email: "t@example.org", role: OBSERVER }) { token } }`,
      },
      { token: secretariat.token },
    );
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
