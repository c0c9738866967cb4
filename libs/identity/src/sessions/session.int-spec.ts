import { DataSource } from 'typeorm';
import { anonymousActor } from '@enlace/core';
import { ENGINES, insertAccount, TestContext, testContext } from '@enlace/testing';
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

describe.each(ENGINES)('session lookups (prepared statements) on %s', (engine) => {
  let ctx: TestContext;
  const guest = anonymousActor('en');

  beforeAll(async () => {
    ctx = await testContext({
      engine,
      imports: [IdentityModule],
      overrides: [
        { provide: PasswordHasher, useValue: new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }) },
      ],
    });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('resolves a live session again and again, by token and by id, and refuses it once signed out', async () => {
    const actors = ctx.get(ActorService);
    const sessions = ctx.get(SessionService);
    const people = [await insertAccount(ctx.dataSource), await insertAccount(ctx.dataSource)];
    const tokens = [];
    for (const person of people) {
      tokens.push((await sessions.signIn(guest, { email: person.email, password: person.password }, '::1')).token);
    }
    // More runs than PostgreSQL's custom plans (5) before it may switch to the generic one.
    for (let i = 0; i < 8; i += 1) {
      const [k, person] = [i % 2, people[i % 2]];
      const byToken = await actors.resolve(tokens[k], 'en');
      expect(byToken).toMatchObject({ actor: { personId: person.personId, accountId: person.accountId } });
      const sessionId = (byToken as { actor: { sessionId: string } }).actor.sessionId;
      expect(await actors.resolveSession(sessionId, 'pt')).toMatchObject({
        actor: { personId: person.personId, sessionId, lang: 'pt' },
      });
    }
    const first = (await actors.resolve(tokens[0], 'en')) as { actor: typeof guest };
    await sessions.signOut(first.actor);
    expect(await actors.resolve(tokens[0], 'en')).toEqual({ invalidToken: true });
    expect(await actors.resolveSession(first.actor.sessionId as string, 'en')).toEqual({ invalidToken: true });
    expect(await actors.resolve(tokens[1], 'en')).toMatchObject({ actor: { personId: people[1].personId } });
  });
});
