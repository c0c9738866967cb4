import { DataSource } from 'typeorm';
import { Actor, anonymousActor } from '@enlace/core';
import { insertAccount, insertMembership, insertNetwork, TestContext, testContext } from '@enlace/testing';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityModule } from '../identity.module';
import { InvitationService } from './invitation.service';

const CHEAP_HASHES = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

describe('InvitationService', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let service: InvitationService;
  let networkId: string;
  let secretariat: Actor;
  const guest = anonymousActor('en');

  const count = async (sql: string, params: unknown[] = []) =>
    ((await ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0].n;

  /** Invites and reads the token back from the outbox, like the invitee's mailbox would. */
  async function inviteAndReadToken(email: string, role = 'OBSERVER', memberState?: string): Promise<string> {
    await service.inviteToNetwork(secretariat, { networkId, email, role, memberState });
    const [row] = (await ds.query(
      `SELECT params->>'link' AS link FROM email_outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    )) as { link: string }[];
    return new URL(row.link).searchParams.get('token') as string;
  }

  /** Makes the next insert into `table` fail inside the database, as a crash mid-write would. */
  async function failInsertsInto(table: string): Promise<() => Promise<void>> {
    await ds.query(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await ds.query(`CREATE TRIGGER fail_insert BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_insert()`);
    return async () => {
      await ds.query(`DROP TRIGGER fail_insert ON ${table}`);
      await ds.query(`DROP FUNCTION fail_insert()`);
    };
  }

  beforeAll(async () => {
    ctx = await testContext({
      imports: [IdentityModule],
      overrides: [{ provide: PasswordHasher, useValue: CHEAP_HASHES }],
    });
    ds = ctx.dataSource;
    service = ctx.get(InvitationService);
    networkId = (await insertNetwork(ds)).id;
    const person = await insertAccount(ds);
    await insertMembership(ds, { personId: person.personId, networkId, role: 'SECRETARIAT' });
    secretariat = {
      ...anonymousActor('en'),
      personId: person.personId,
      accountId: person.accountId,
      memberships: [{ networkId, role: 'SECRETARIAT', memberState: null }],
    };
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('writes the invitation, its email and its audit entry together or not at all', async () => {
    const restore = await failInsertsInto('email_outbox');
    try {
      await expect(
        service.inviteToNetwork(secretariat, { networkId, email: 'atomic@example.org', role: 'OBSERVER' }),
      ).rejects.toThrow(/injected failure/);
    } finally {
      await restore();
    }
    expect(await count(`invitation WHERE email = 'atomic@example.org'`)).toBe(0);
    expect(await count(`audit_log WHERE entity_type = 'invitation'`)).toBe(0);
  });

  it('accepts all or nothing: a failure at the last step leaves no account, membership or used invitation', async () => {
    const token = await inviteAndReadToken('all-or-nothing@example.org');
    const restore = await failInsertsInto('session');
    try {
      await expect(
        service.acceptInvitation(guest, { token, name: 'A Person', password: 'long enough password' }, '192.0.2.1'),
      ).rejects.toThrow(/injected failure/);
    } finally {
      await restore();
    }
    expect(await count(`account WHERE email = 'all-or-nothing@example.org'`)).toBe(0);
    expect(await count(`person WHERE name = 'A Person'`)).toBe(0);
    expect(await count(`invitation WHERE email = 'all-or-nothing@example.org' AND accepted_at IS NULL`)).toBe(1);

    const result = await service.acceptInvitation(
      guest,
      { token, name: 'A Person', password: 'long enough password' },
      '192.0.2.1',
    );
    expect(result.token).toMatch(/^enl_/);
    expect(await count(`membership WHERE person_id = $1`, [result.personId])).toBe(1);
  });

  it('lets one token be used once even when two requests race', async () => {
    const token = await inviteAndReadToken('race@example.org');
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() =>
        service.acceptInvitation(guest, { token, name: 'Racer', password: 'long enough password' }, '192.0.2.2'),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const failed of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect(failed.reason).toMatchObject({ code: 'BAD_USER_INPUT', key: 'identity:invalidInvitation' });
    }
    expect(await count(`account WHERE email = 'race@example.org'`)).toBe(1);
    expect(
      await count(`membership m JOIN account a ON a.person_id = m.person_id WHERE a.email = 'race@example.org'`),
    ).toBe(1);
  });

  it('creates one account when two invitations for the same new email are accepted at once', async () => {
    const first = await inviteAndReadToken('twice-new@example.org', 'OBSERVER');
    const second = await inviteAndReadToken('twice-new@example.org', 'TRAINER');
    const attempts = await Promise.allSettled(
      [first, second].map((token) =>
        service.acceptInvitation(guest, { token, name: 'Twice', password: 'long enough password' }, '192.0.2.3'),
      ),
    );
    expect(await count(`account WHERE email = 'twice-new@example.org'`)).toBe(1);
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    for (const failed of rejected) expect(failed.reason).toMatchObject({ code: 'CONFLICT' });
    // Whichever lost the race can be accepted now, with the account's password.
    for (const [i, attempt] of attempts.entries()) {
      if (attempt.status === 'rejected') {
        await service.acceptInvitation(
          guest,
          { token: [first, second][i], password: 'long enough password' },
          '192.0.2.3',
        );
      }
    }
    expect(
      await count(`membership m JOIN account a ON a.person_id = m.person_id WHERE a.email = 'twice-new@example.org'`),
    ).toBe(2);
  });

  it('keeps an open term of the same role and state, and refuses one for another member state', async () => {
    const person = await insertAccount(ds, { email: 'fp@example.org' });
    await insertMembership(ds, { personId: person.personId, networkId, role: 'FOCAL_POINT', memberState: 'PY' });

    const same = await inviteAndReadToken('fp@example.org', 'FOCAL_POINT', 'PY');
    await service.acceptInvitation(guest, { token: same, password: person.password }, '192.0.2.4');
    expect(await count(`membership WHERE person_id = $1`, [person.personId])).toBe(1);

    const other = await inviteAndReadToken('fp@example.org', 'FOCAL_POINT', 'BO');
    await expect(
      service.acceptInvitation(guest, { token: other, password: person.password }, '192.0.2.4'),
    ).rejects.toMatchObject({ code: 'CONFLICT', key: 'identity:alreadyMember', params: { memberState: 'PY' } });
    expect(await count(`invitation WHERE email = 'fp@example.org' AND accepted_at IS NULL`)).toBe(1);
  });

  it('hands a held seat over to the invited successor when they accept: one current term, history kept', async () => {
    const holder = await insertAccount(ds, { email: 'holder-uy@example.org' });
    const held = await insertMembership(ds, {
      personId: holder.personId,
      networkId,
      role: 'FOCAL_POINT',
      memberState: 'UY',
      startsOn: '2020-01-01',
    });
    const successor = await insertAccount(ds, { email: 'successor-uy@example.org' });
    const token = await inviteAndReadToken('successor-uy@example.org', 'FOCAL_POINT', 'UY');

    await service.acceptInvitation(guest, { token, password: successor.password }, '192.0.2.5');

    const terms = (await ds.query(
      `SELECT person_id AS "personId", ends_on IS NULL AS open FROM membership
        WHERE network_id = $1 AND role = 'FOCAL_POINT' AND member_state = 'UY' ORDER BY starts_on`,
      [networkId],
    )) as { personId: string; open: boolean }[];
    expect(terms).toEqual([
      { personId: holder.personId, open: false },
      { personId: successor.personId, open: true },
    ]);
    expect(await count(`membership WHERE id = $1 AND ends_on IS NOT NULL`, [held.id])).toBe(1);
  });

  it('checks an existing account’s password against the sign-in budget', async () => {
    const person = await insertAccount(ds, { email: 'guarded@example.org' });
    const token = await inviteAndReadToken('guarded@example.org');
    for (let i = 0; i < 10; i += 1) {
      await expect(
        service.acceptInvitation(guest, { token, password: `guess number ${i}` }, `192.0.2.${10 + i}`),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', key: 'badUserInput' });
    }
    await expect(
      service.acceptInvitation(guest, { token, password: person.password }, '192.0.2.99'),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
