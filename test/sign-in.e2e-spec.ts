import { createHash } from 'node:crypto';
import request from 'supertest';
import { insertAccount, insertMembership, insertNetwork } from '@enlace/testing';
import { me, signIn, signInAliases, signOut, updateMe } from './support/identity.operations';
import { CallOptions, Operation, startTestApp, TestApp } from './support/test-app';

type SignInData = { signIn: { token: string; expiresAt: string; me: { id: string; email: string } } };
type MeData = {
  me: {
    id: string;
    name: string;
    email: string;
    preferredLanguage: string;
    isAdmin: boolean;
    memberships: { networkId: string; role: string; memberState: string | null; startsOn: string; endsOn: null }[];
  } | null;
};

let nextAddress = 0;
/** A client address of its own (the app trusts X-Forwarded-For), so tests never share a budget by accident. */
function freshAddress(): string {
  nextAddress += 1;
  return `198.51.100.${nextAddress}`;
}

function from(address: string, options: CallOptions = {}): CallOptions {
  return { ...options, headers: { ...options.headers, 'x-forwarded-for': address } };
}

// argon2id at production cost takes ~150 ms per attempt, and these tests make dozens of attempts.
jest.setTimeout(60_000);

describe('signing in and out', () => {
  let t: TestApp;
  /** POSTs an operation and keeps the raw response text, to compare answers byte for byte. */
  const raw = async (operation: Operation, options: CallOptions) => {
    const res = await request(t.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept-language', options.lang ?? 'en')
      .set(options.headers ?? {})
      .send(operation);
    return { status: res.status, text: res.text };
  };

  /** Attempts counted so far in an email's sign-in budget (buckets are named by the email's SHA-256). */
  const accountHits = async (email: string) => {
    const digest = createHash('sha256').update(email.toLowerCase(), 'utf8').digest('base64url');
    const rows = (await t.dataSource.query(`SELECT hits FROM rate_limit WHERE bucket = $1`, [
      `signIn:account:${digest}`,
    ])) as { hits: number }[];
    return rows[0]?.hits ?? 0;
  };

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in with email and password, and `me` then returns the person and their memberships', async () => {
    const person = await insertAccount(t.dataSource, { name: 'Ana Castillo', preferredLanguage: 'es' });
    const network = await insertNetwork(t.dataSource);
    await insertMembership(t.dataSource, {
      personId: person.personId,
      networkId: network.id,
      role: 'FOCAL_POINT',
      memberState: 'PE',
      startsOn: '2024-01-15',
    });

    const res = await t.gql<SignInData>(signIn(person.email.toUpperCase(), person.password), from(freshAddress()));
    expect(res.body.errors).toBeUndefined();
    const session = res.body.data!.signIn;
    expect(session.token).toMatch(/^enl_[A-Za-z0-9_-]{43}$/);
    expect(session.me).toEqual({ id: person.personId, email: person.email });
    const days = (Date.parse(session.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const mine = await t.gql<MeData>(me(), { token: session.token });
    expect(mine.body).toEqual({
      data: {
        me: {
          id: person.personId,
          name: 'Ana Castillo',
          email: person.email,
          preferredLanguage: 'es',
          isAdmin: false,
          memberships: [
            {
              id: expect.any(String),
              networkId: network.id,
              role: 'FOCAL_POINT',
              memberState: 'PE',
              startsOn: '2024-01-15',
              endsOn: null,
            },
          ],
        },
      },
    });

    const [stored] = (await t.dataSource.query(`SELECT token_hash FROM session WHERE account_id = $1`, [
      person.accountId,
    ])) as { token_hash: Buffer }[];
    expect(stored.token_hash.toString('utf8')).not.toContain(session.token);
  });

  it('answers `me` with null for an anonymous caller', async () => {
    expect((await t.gql<MeData>(me())).body).toEqual({ data: { me: null } });
  });

  it.each([
    ['es', 'El correo electrónico o la contraseña no son correctos.'],
    ['pt', 'O endereço de e-mail ou a senha não estão corretos.'],
    ['fr', 'L’adresse e-mail ou le mot de passe est incorrect.'],
    ['en', 'The email address or the password is not correct.'],
  ])('refuses a wrong password in %s with the very bytes it answers for an unknown email', async (lang, message) => {
    const person = await insertAccount(t.dataSource);
    const address = freshAddress();
    const wrong = await raw(signIn(person.email, 'not the password at all'), from(address, { lang }));
    const unknown = await raw(signIn('nobody.' + person.email, 'not the password at all'), from(address, { lang }));

    expect(JSON.parse(wrong.text)).toEqual({
      data: null,
      errors: [
        {
          message,
          locations: [{ line: 1, column: 41 }],
          path: ['signIn'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    expect(unknown).toEqual(wrong);
  });

  it('signs out: the token stops working at once, other sessions of the person keep working', async () => {
    const person = await insertAccount(t.dataSource);
    const address = freshAddress();
    const first = (await t.gql<SignInData>(signIn(person.email, person.password), from(address))).body.data!.signIn;
    const second = (await t.gql<SignInData>(signIn(person.email, person.password), from(address))).body.data!.signIn;

    expect((await t.gql(signOut(), { token: first.token })).body).toEqual({ data: { signOut: true } });

    const after = await t.gql<MeData>(me(), { token: first.token, lang: 'es' });
    expect(after.body.data?.me ?? null).toBeNull();
    expect(after.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(after.body.errors?.[0].message).toBe(
      'Su token de sesión no es válido o ha caducado. Inicie sesión de nuevo.',
    );
    expect((await t.gql(signOut(), { token: first.token })).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql<MeData>(me(), { token: second.token })).body.data?.me?.id).toBe(person.personId);

    const audit = (await t.dataSource.query(
      `SELECT action, actor_person_id, before, after FROM audit_log WHERE entity_type = 'session' ORDER BY id`,
    )) as { action: string; actor_person_id: string; after: unknown }[];
    expect(audit.filter((a) => a.actor_person_id === person.personId).map((a) => a.action)).toEqual([
      'signIn',
      'signIn',
      'signOut',
    ]);
    expect(JSON.stringify(audit)).not.toContain(first.token);
  });

  it('refuses to sign out an anonymous caller', async () => {
    const res = await t.gql(signOut(), { lang: 'pt' });
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'Você precisa entrar para fazer isto.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('spends the account budget on every failure: aliases in one document and other addresses count too', async () => {
    const person = await insertAccount(t.dataSource);
    // Successes spend nothing: two aliased sign-ins with the right password leave the budget whole.
    const ok = await t.gql<Record<string, { token: string }>>(
      signInAliases(person.email, person.password, 2),
      from(freshAddress()),
    );
    expect(ok.body.errors).toBeUndefined();
    expect(new Set(Object.values(ok.body.data ?? {}).map((s) => s.token)).size).toBe(2);
    expect(await accountHits(person.email)).toBe(0);
    // Three documents, each with two aliased wrong passwords, from three addresses: 6 failures (the
    // answer shows the first: signIn is non-null, so data is null once one fails).
    for (let i = 0; i < 3; i += 1) {
      const res = await t.gql(signInAliases(person.email, 'wrong password', 2), from(freshAddress()));
      expect(res.body.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await accountHits(person.email)).toBe(6);
    // Four wrong passwords from four more addresses: 10 failures in all.
    for (let i = 0; i < 4; i += 1) {
      const res = await t.gql(signIn(person.email, 'wrong password ' + i), from(freshAddress()));
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    // The 11th attempt is refused before the password is even looked at, from yet another address.
    const refused = await t.gql(signIn(person.email, person.password), from(freshAddress(), { lang: 'fr' }));
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0].message).toMatch(/^Trop de tentatives\. Réessayez dans (\d+) secondes\.$/);
    const seconds = Number(/(\d+)/.exec(refused.body.errors![0].message)![1]);
    expect(seconds).toBeGreaterThan(800);
    expect(seconds).toBeLessThanOrEqual(900);

    expect(await accountHits(person.email)).toBe(11);
  });

  it('answers RATE_LIMITED the same way for an unknown email', async () => {
    const person = await insertAccount(t.dataSource);
    const unknown = 'ghost.' + person.email;
    for (const email of [person.email, unknown]) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => t.gql(signIn(email, 'wrong password ' + i), from(freshAddress()))),
      );
      for (const res of answers) expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const known = await t.gql(signIn(person.email, 'wrong password'), from(freshAddress()));
    const ghost = await t.gql(signIn(unknown, 'wrong password'), from(freshAddress()));
    const shape = (body: typeof known.body) => ({
      ...body,
      errors: body.errors?.map((e) => ({ ...e, message: e.message.replace(/\d+/, 'N') })),
    });
    expect(known.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(shape(ghost.body)).toEqual(shape(known.body));
  });

  // A hundred argon2 verifications at production cost: more than the file's 60 s on a busy machine.
  it('limits failures per client address across accounts (100 per 15 minutes)', async () => {
    const address = freshAddress();
    // 100 failed attempts from one address, two per email (never near an email's own budget; an email
    // without an account costs the same as one with).
    const emails = Array.from({ length: 50 }, (_, i) => `guess-${i}-${address}@example.org`);
    const attempts = emails
      .flatMap((email) => [email, email])
      .map((email) => () => t.gql(signIn(email, 'wrong password'), from(address)));
    for (let i = 0; i < attempts.length; i += 5) {
      const results = await Promise.all(attempts.slice(i, i + 5).map((send) => send()));
      for (const res of results) expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const fresh = await insertAccount(t.dataSource);
    const refused = await t.gql(signIn(fresh.email, fresh.password), from(address));
    expect(refused.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // The same account from another address is fine: the address is what ran out.
    const elsewhere = await t.gql<SignInData>(signIn(fresh.email, fresh.password), from(freshAddress()));
    expect(elsewhere.body.data?.signIn.token).toBeDefined();
  }, 180_000);

  it('lets people change their own name and preferred language', async () => {
    const person = await insertAccount(t.dataSource, { name: 'Old Name' });
    const token = (await t.gql<SignInData>(signIn(person.email, person.password), from(freshAddress()))).body.data!
      .signIn.token;
    const res = await t.gql<{ updateMe: NonNullable<MeData['me']> }>(
      updateMe({ name: '  Nueva Persona  ', preferredLanguage: 'fr' }),
      { token },
    );
    expect(res.body.data?.updateMe).toMatchObject({ name: 'Nueva Persona', preferredLanguage: 'fr' });
    const [entry] = (await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'person' AND entity_id = $1`,
      [person.personId],
    )) as { before: unknown; after: unknown }[];
    expect(entry).toEqual({
      before: { name: 'Old Name', preferredLanguage: 'en' },
      after: { name: 'Nueva Persona', preferredLanguage: 'fr' },
    });

    const blank = await t.gql(updateMe({ name: '   ' }), { token });
    expect(blank.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'name', message: 'This field is required.' }],
    });
    expect((await t.gql(updateMe({ name: 'X' }))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
