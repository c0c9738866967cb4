import { DataSource } from 'typeorm';
import { LiveBus, LiveSignal } from '@enlace/core';
import { actorForSession, insertAccount, insertSession, testContext, TestContext } from '@enlace/testing';
import { IdentityModule } from '../identity.module';
import { ActorService } from '../sessions/actor.service';
import { AccountService } from './account.service';

describe('AccountService.erasePerson', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let accounts: AccountService;
  const signals: LiveSignal[] = [];

  const count = async (sql: string, params: unknown[] = []) =>
    ((await ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    ctx = await testContext({ imports: [IdentityModule] });
    ds = ctx.dataSource;
    accounts = ctx.get(AccountService);
    ctx.get(LiveBus).subscribe((signal) => signals.push(signal));
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('erases the person and deletes their account and sessions in one transaction, then closes their sockets', async () => {
    const admin = await actorForSession(
      ds,
      await insertSession(ds, (await insertAccount(ds, { isAdmin: true })).accountId),
    );
    const person = await insertAccount(ds);
    const token = await insertSession(ds, person.accountId);
    signals.length = 0;

    const erased = await accounts.erasePerson(admin, person.personId);

    expect(erased).toMatchObject({ id: person.personId, erasedAt: expect.any(Date) });
    expect(await count(`account WHERE person_id = $1`, [person.personId])).toBe(0);
    expect(await count(`session WHERE account_id = $1`, [person.accountId])).toBe(0);
    expect(await ctx.get(ActorService).resolve(token, 'en')).toEqual({ invalidToken: true });
    expect(signals).toEqual([{ kind: 'disconnect', target: { personId: person.personId } }]);
  });

  it('leaves the account, the sessions and the person as they were when the directory refuses', async () => {
    const someone = await insertAccount(ds);
    const actor = await actorForSession(ds, await insertSession(ds, someone.accountId));
    const person = await insertAccount(ds);
    await insertSession(ds, person.accountId);
    signals.length = 0;

    // Not an administrator: the directory's check answers, nothing is deleted, no socket closes.
    await expect(accounts.erasePerson(actor, person.personId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(`account WHERE person_id = $1`, [person.personId])).toBe(1);
    expect(await count(`session WHERE account_id = $1`, [person.accountId])).toBe(1);
    expect(await count(`person WHERE id = $1 AND erased_at IS NULL`, [person.personId])).toBe(1);
    expect(signals).toEqual([]);
  });

  it('rolls the directory’s erasure back when deleting the account fails', async () => {
    const admin = await actorForSession(
      ds,
      await insertSession(ds, (await insertAccount(ds, { isAdmin: true })).accountId),
    );
    const person = await insertAccount(ds);
    signals.length = 0;
    await ds.query(`CREATE FUNCTION fail_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await ds.query(`CREATE TRIGGER fail_delete BEFORE DELETE ON account FOR EACH ROW EXECUTE FUNCTION fail_delete()`);
    try {
      await expect(accounts.erasePerson(admin, person.personId)).rejects.toThrow(/injected failure/);
    } finally {
      await ds.query(`DROP TRIGGER fail_delete ON account`);
      await ds.query(`DROP FUNCTION fail_delete()`);
    }
    expect(await count(`person WHERE id = $1 AND erased_at IS NULL`, [person.personId])).toBe(1);
    expect(await count(`account WHERE person_id = $1`, [person.personId])).toBe(1);
    expect(signals).toEqual([]);
  });
});
