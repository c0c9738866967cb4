import request from 'supertest';
import { insertAccount, insertSession } from '@enlace/testing';
import { me, requestPasswordReset, resetPassword, signIn } from './support/identity.operations';
import { CallOptions, Operation, startTestApp, TestApp } from './support/test-app';

type OutboxRow = { recipient: string; language: string; template: string; params: Record<string, string> };

// argon2id at production cost takes ~150 ms per hash or check.

describe('password reset', () => {
  let t: TestApp;
  let nextAddress = 0;
  const from = (options: CallOptions = {}): CallOptions => {
    nextAddress += 1;
    return { ...options, headers: { 'x-forwarded-for': `203.0.113.${nextAddress}` } };
  };
  const raw = async (operation: Operation, options: CallOptions) => {
    const res = await request(t.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(options.headers ?? {})
      .send(operation);
    return { status: res.status, text: res.text };
  };
  const outboxFor = async (email: string) =>
    (await t.dataSource.query(
      `SELECT recipient, language, template, params FROM email_outbox WHERE recipient = $1 ORDER BY created_at`,
      [email],
    )) as OutboxRow[];
  const tokenOf = (row: OutboxRow) => new URL(row.params.link).searchParams.get('token') as string;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('emails a link in the person’s language; the new password works and every old session is revoked', async () => {
    const person = await insertAccount(t.dataSource, { name: 'Joana Silva', preferredLanguage: 'pt' });
    const sessions = [
      await insertSession(t.dataSource, person.accountId),
      await insertSession(t.dataSource, person.accountId),
    ];

    const res = await t.gql(requestPasswordReset(person.email.toUpperCase()), from());
    expect(res.body).toEqual({ data: { requestPasswordReset: true } });
    const [email] = await outboxFor(person.email);
    expect(email).toMatchObject({
      recipient: person.email,
      language: 'pt',
      template: 'passwordReset',
      params: {
        name: 'Joana Silva',
        link: expect.stringMatching(new RegExp(`^${t.config.publicUrl}/reset-password\\?token=enl_[A-Za-z0-9_-]{43}$`)),
      },
    });
    const token = tokenOf(email);
    const minutes = (Date.parse(email.params.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);

    const done = await t.gql(resetPassword(token, 'my new long password'), from());
    expect(done.body).toEqual({ data: { resetPassword: true } });

    for (const old of sessions) {
      expect((await t.gql(me(), { token: old })).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.gql(signIn(person.email, person.password), from())).body.errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await t.gql<{ signIn: { token: string } }>(signIn(person.email, 'my new long password'), from())).body.data
        ?.signIn.token,
    ).toBeDefined();

    const reused = await t.gql(resetPassword(token, 'yet another password'), from({ lang: 'es' }));
    expect(reused.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Este enlace para restablecer la contraseña no es válido'),
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'token', message: expect.any(String) }] },
    });

    const audit = (await t.dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'account' AND entity_id = $1 ORDER BY id`,
      [person.accountId],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['requestPasswordReset', 'resetPassword']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/argon2|hash/i);
  });

  it('answers an unknown email with the very same bytes, and writes nothing', async () => {
    const person = await insertAccount(t.dataSource);
    const known = await raw(requestPasswordReset(person.email), from());
    const unknown = await raw(requestPasswordReset('nobody-' + person.email), from());
    expect(unknown).toEqual(known);
    expect(JSON.parse(known.text)).toEqual({ data: { requestPasswordReset: true } });
    expect(await outboxFor('nobody-' + person.email)).toEqual([]);
    expect(await outboxFor(person.email)).toHaveLength(1);
  });

  it('keeps only the newest link working', async () => {
    const person = await insertAccount(t.dataSource);
    await t.gql(requestPasswordReset(person.email), from());
    await t.gql(requestPasswordReset(person.email), from());
    const [older, newer] = (await outboxFor(person.email)).map(tokenOf);
    const stale = await t.gql(resetPassword(older, 'a new long password'), from());
    expect(stale.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(resetPassword(newer, 'a new long password'), from())).body).toEqual({
      data: { resetPassword: true },
    });
  });

  it('refuses a short new password and a forged token', async () => {
    const short = await t.gql(resetPassword('enl_' + 'B'.repeat(43), 'short'), from());
    expect(short.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newPassword', message: 'At least 10 characters.' }],
    });
    const forged = await t.gql(resetPassword('enl_' + 'B'.repeat(43), 'long enough password'), from());
    expect(forged.body.errors?.[0].extensions.fields).toEqual([
      {
        field: 'token',
        message:
          'This password reset link is not valid: it may have expired, been replaced by a newer one, or been used already. Ask for a new link.',
      },
    ]);
  });

  it('limits requests per email (5 an hour), known or not, whatever the address', async () => {
    const person = await insertAccount(t.dataSource);
    const unknown = 'ghost-' + person.email;
    for (const email of [person.email, unknown]) {
      for (let i = 0; i < 5; i += 1) {
        expect((await t.gql(requestPasswordReset(email), from())).body.data).toEqual({ requestPasswordReset: true });
      }
    }
    const known = await t.gql(requestPasswordReset(person.email), from());
    const ghost = await t.gql(requestPasswordReset(unknown), from());
    expect(known.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    const shape = (body: typeof known.body) => JSON.stringify(body).replace(/\d+ (seconds)/, 'N $1');
    expect(shape(ghost.body)).toEqual(shape(known.body));
    expect(await outboxFor(person.email)).toHaveLength(5);
  });

  it('limits requests per client address (20 an hour), across emails', async () => {
    const address = { headers: { 'x-forwarded-for': '192.0.2.77' } };
    const emails = Array.from({ length: 20 }, (_, i) => `someone-${i}@example.net`);
    const answers = await Promise.all(emails.map((email) => t.gql(requestPasswordReset(email), address)));
    for (const res of answers) expect(res.body.data).toEqual({ requestPasswordReset: true });
    const refused = await t.gql(requestPasswordReset('someone-else@example.net'), address);
    expect(refused.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    const elsewhere = await t.gql(requestPasswordReset('someone-else@example.net'), from());
    expect(elsewhere.body.data).toEqual({ requestPasswordReset: true });
  });
});
