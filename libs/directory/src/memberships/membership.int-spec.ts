import { DataSource } from 'typeorm';
import { Actor, anonymousActor } from '@enlace/core';
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
});
