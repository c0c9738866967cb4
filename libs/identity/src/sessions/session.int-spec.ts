import { DataSource } from 'typeorm';
import { anonymousActor } from '@enlace/core';
import { insertAccount, TestContext, testContext } from '@enlace/testing';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityModule } from '../identity.module';
import { ActorService } from './actor.service';
import { SessionService } from './session.service';

describe('SessionService', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let sessions: SessionService;
  const guest = anonymousActor('en');

  beforeAll(async () => {
    // Cheaper costs than the factory's hashes, so every stored hash counts as outdated here.
    ctx = await testContext({
      imports: [IdentityModule],
      overrides: [
        { provide: PasswordHasher, useValue: new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }) },
      ],
    });
    ds = ctx.dataSource;
    sessions = ctx.get(SessionService);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('stores only the token’s hash, opens a 30-day session and resolves it to the person', async () => {
    const person = await insertAccount(ds);
    const result = await sessions.signIn(
      guest,
      { email: ` ${person.email.toUpperCase()} `, password: person.password },
      '::1',
    );
    const rows = (await ds.query(`SELECT token_hash, expires_at FROM session WHERE account_id = $1`, [
      person.accountId,
    ])) as { token_hash: Buffer; expires_at: Date }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash.toString('latin1')).not.toContain(result.token);
    expect(rows[0].expires_at.toISOString()).toBe(result.expiresAt.toISOString());
    const resolved = await ctx.get(ActorService).resolve(result.token, 'en');
    expect(resolved).toMatchObject({ actor: { personId: person.personId, sessionId: expect.any(String) } });

    const actor = (resolved as { actor: typeof guest }).actor;
    // A live socket resolves the same session by its id (it keeps no token).
    expect(await ctx.get(ActorService).resolveSession(actor.sessionId as string, 'fr')).toMatchObject({
      actor: { personId: person.personId, sessionId: actor.sessionId, lang: 'fr' },
    });
    expect(await ctx.get(ActorService).resolveSession('not-a-uuid', 'en')).toEqual({ invalidToken: true });
    await expect(sessions.signOut(actor)).resolves.toBe(true);
    expect(await ctx.get(ActorService).resolve(result.token, 'en')).toEqual({ invalidToken: true });
    expect(await ctx.get(ActorService).resolveSession(actor.sessionId as string, 'en')).toEqual({
      invalidToken: true,
    });
  });

  it('rehashes a password made with other argon2 costs at the next successful sign-in', async () => {
    const person = await insertAccount(ds);
    await sessions.signIn(guest, { email: person.email, password: person.password }, '::1');
    const [row] = (await ds.query(`SELECT password_hash FROM account WHERE id = $1`, [person.accountId])) as {
      password_hash: string;
    }[];
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    await expect(
      sessions.signIn(guest, { email: person.email, password: person.password }, '::1'),
    ).resolves.toBeDefined();
  });

  it('gives the same error for a wrong password and an unknown email', async () => {
    const person = await insertAccount(ds);
    const wrong = await sessions
      .signIn(guest, { email: person.email, password: 'nope nope nope' }, '::2')
      .catch((e: unknown) => e);
    const unknown = await sessions
      .signIn(guest, { email: 'x' + person.email, password: 'nope nope nope' }, '::2')
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', key: 'identity:invalidCredentials', params: {} });
    expect(unknown).toEqual(wrong);
  });
});
