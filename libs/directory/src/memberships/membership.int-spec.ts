import { DataSource } from 'typeorm';
import { Actor, anonymousActor, LiveBus, LiveSignal, TransactionRunner } from '@enlace/core';
import {
  insertAccount,
  insertMembership,
  insertMemberState,
  insertNetwork,
  testContext,
  TestContext,
} from '@enlace/testing';
import { DirectoryModule } from '../directory.module';
import { FocalPointService } from './focal-point.service';
import { MembershipRepository } from './membership.repository';
import { MembershipService } from './membership.service';

/**
 * The one writer of `membership` on PostgreSQL: every door that opens a term for a seat goes
 * through the seat's lock and handover rule, so two of them racing for one seat leave one current term.
 */
describe('MembershipService: one writer of terms', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let memberships: MembershipService;
  let focalPoints: FocalPointService;
  let admin: Actor;

  const currentHolders = async (networkId: string, memberState: string): Promise<string[]> =>
    (
      (await ds.query(
        `SELECT person_id FROM membership WHERE network_id = $1 AND member_state = $2 AND role = 'FOCAL_POINT'
           AND starts_on <= current_date AND (ends_on IS NULL OR ends_on > current_date)`,
        [networkId, memberState],
      )) as { person_id: string }[]
    ).map((r) => r.person_id);

  beforeAll(async () => {
    ctx = await testContext({ imports: [DirectoryModule] });
    ds = ctx.dataSource;
    memberships = ctx.get(MembershipService);
    focalPoints = ctx.get(FocalPointService);
    const person = await insertAccount(ds, { isAdmin: true });
    admin = { ...anonymousActor('en'), personId: person.personId, accountId: person.accountId, isAdmin: true };
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('two addMembership calls racing for one seat: one opens the term, the other gets CONFLICT', async () => {
    const { id: networkId } = await insertNetwork(ds);
    const [a, b] = [(await insertAccount(ds)).personId, (await insertAccount(ds)).personId];
    const results = await Promise.allSettled(
      [a, b].map((personId) => memberships.add(admin, { networkId, personId, role: 'FOCAL_POINT', memberState: 'PY' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'CONFLICT', key: 'networks:seatTaken', params: { memberState: 'PY' } });
    expect(await currentHolders(networkId, 'PY')).toHaveLength(1);
  });

  it('designateFocalPoint racing addMembership for one seat leaves exactly one current focal point', async () => {
    const { id: networkId } = await insertNetwork(ds);
    await insertMemberState(ds, { networkId, countryCode: 'PE' });
    const [a, b] = [(await insertAccount(ds)).personId, (await insertAccount(ds)).personId];
    await Promise.allSettled([
      focalPoints.designate(admin, { networkId, memberState: 'PE', personId: a }),
      memberships.add(admin, { networkId, personId: b, role: 'FOCAL_POINT', memberState: 'PE' }),
    ]);
    expect(await currentHolders(networkId, 'PE')).toHaveLength(1);
  });

  it('addMembership leaves a held seat alone; designateFocalPoint hands it over the day the new term starts', async () => {
    const { id: networkId } = await insertNetwork(ds);
    await insertMemberState(ds, { networkId, countryCode: 'BR' });
    const holder = (await insertAccount(ds)).personId;
    const successor = (await insertAccount(ds)).personId;
    const held = await insertMembership(ds, {
      personId: holder,
      networkId,
      role: 'FOCAL_POINT',
      memberState: 'BR',
      startsOn: '2020-01-01',
    });
    await expect(
      memberships.add(admin, {
        networkId,
        personId: successor,
        role: 'FOCAL_POINT',
        memberState: 'BR',
        startsOn: '2024-03-01',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', key: 'networks:seatTaken' });
    const { term } = await focalPoints.designate(admin, {
      networkId,
      memberState: 'BR',
      personId: successor,
      startsOn: '2024-03-01',
    });
    expect(term).toMatchObject({ succeedsId: held.id, startsOn: '2024-03-01', endsOn: null });
    const [ended] = (await ds.query(`SELECT ends_on::text AS "endsOn" FROM membership WHERE id = $1`, [held.id])) as {
      endsOn: string;
    }[];
    expect(ended.endsOn).toBe('2024-03-01');
    expect(await currentHolders(networkId, 'BR')).toEqual([successor]);
  });

  it('a write the database refuses for a seat answers CONFLICT with a localised message, never an internal error', async () => {
    const { id: networkId } = await insertNetwork(ds);
    const holder = (await insertAccount(ds)).personId;
    const other = (await insertAccount(ds)).personId;
    await insertMembership(ds, { personId: holder, networkId, role: 'FOCAL_POINT', memberState: 'CL' });
    // The repository's own write, without the service's lock: the seat constraint refuses it.
    {
      const insert = ds.transaction((tx) =>
        ctx.get(MembershipRepository).insert(tx, {
          personId: other,
          networkId,
          role: 'FOCAL_POINT',
          memberState: 'CL',
          startsOn: '2024-01-01',
          endsOn: null,
          visibility: 'NETWORK',
          succeedsId: null,
        }),
      );
      await expect(insert).rejects.toMatchObject({ code: 'CONFLICT', key: 'networks:seatTaken' });
    }
  });

  it("a term that ends by today re-checks its person's open sockets once committed, never closes them", async () => {
    const { id: networkId } = await insertNetwork(ds);
    await insertMemberState(ds, { networkId, countryCode: 'UY' });
    const holder = (await insertAccount(ds)).personId;
    const successor = (await insertAccount(ds)).personId;
    const later = (await insertAccount(ds)).personId;
    const imported = (await insertAccount(ds)).personId;
    await insertMembership(ds, { personId: holder, networkId, role: 'FOCAL_POINT', memberState: 'UY' });
    const future = await insertMembership(ds, { personId: later, networkId, role: 'OBSERVER' });
    const planned = await insertMembership(ds, { personId: imported, networkId, role: 'OBSERVER' });
    const signals: LiveSignal[] = [];
    // What the sockets are asked to re-check (the notices of these changes are pushed too: not this test's).
    const unsubscribe = ctx.get(LiveBus).subscribe((signal) => signal.kind !== 'emit' && signals.push(signal));
    try {
      // A handover today: the predecessor's sockets re-check what they may read.
      await focalPoints.designate(admin, { networkId, memberState: 'UY', personId: successor });
      expect(signals).toEqual([{ kind: 'revalidate', target: { personId: holder } }]);
      // A term ending on a later day takes nothing away yet.
      signals.length = 0;
      await memberships.end(admin, { id: future.id, endsOn: '2999-01-01' });
      expect(signals).toEqual([]);
      // A bulk import's planned end: held until its transaction commits, dropped when it rolls back.
      const [term] = (await memberships.openTermsOfNetwork(ds.manager, networkId, '2000-01-01')).filter(
        (t) => t.id === planned.id,
      );
      const today = ((await ds.query(`SELECT current_date::text AS d`)) as { d: string }[])[0].d;
      const apply = (fail: boolean) =>
        ctx.get(TransactionRunner).run(async (tx) => {
          await memberships.applyPlannedTerms(tx, admin, {
            ends: [{ term, endsOn: today, reason: 'import' }],
            opens: [],
          });
          expect(signals).toEqual([]);
          if (fail) throw new Error('rolled back');
        });
      await expect(apply(true)).rejects.toThrow('rolled back');
      expect(signals).toEqual([]);
      await apply(false);
      expect(signals).toEqual([{ kind: 'revalidate', target: { personId: imported } }]);
    } finally {
      unsubscribe();
    }
  });

  it('announces, for this process, the people whose planned ends arrived between two days', async () => {
    const { id: networkId } = await insertNetwork(ds);
    const [ended, later, before] = [
      (await insertAccount(ds)).personId,
      (await insertAccount(ds)).personId,
      (await insertAccount(ds)).personId,
    ];
    await insertMembership(ds, {
      personId: ended,
      networkId,
      role: 'OBSERVER',
      startsOn: '2030-01-01',
      endsOn: '2030-03-02',
    });
    await insertMembership(ds, {
      personId: later,
      networkId,
      role: 'OBSERVER',
      startsOn: '2030-01-01',
      endsOn: '2030-03-03',
    });
    await insertMembership(ds, {
      personId: before,
      networkId,
      role: 'OBSERVER',
      startsOn: '2030-01-01',
      endsOn: '2030-03-01',
    });
    const signals: LiveSignal[] = [];
    const unsubscribe = ctx.get(LiveBus).subscribe((signal) => signals.push(signal));
    try {
      expect(await memberships.announcePlannedEnds('2030-03-01', '2030-03-02')).toBe(1);
      expect(signals).toEqual([{ kind: 'revalidate', target: { personId: ended }, local: true }]);
    } finally {
      unsubscribe();
    }
  });
});
