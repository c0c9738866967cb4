import { Actor, NetworkRole } from '@enlace/core';
import {
  ENGINES,
  insertAccount,
  insertMembership,
  insertMemberState,
  insertNetwork,
  insertPartnership,
  testContext,
  TestContext,
} from '@enlace/testing';
import { ActionPlansModule } from '../action-plans.module';
import { PlanService } from '../plan/plan.service';
import { ReportService } from '../report/report.service';
import { StructureService } from '../structure/structure.service';
import { dashboardLines } from './dashboard-figures';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

// PGlite starts and migrates in beforeAll: slow on two busy cores.
jest.setTimeout(90_000);

const en = (text: string) => [{ language: 'en', text }];

/** The plan keys, the roll-up and the dashboard statement (GROUPING SETS, MATERIALIZED CTEs) on both engines. */
describe.each(ENGINES)('action-plan roll-ups on %s', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await testContext({ engine, imports: [ActionPlansModule] });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('rolls up what each caller may read', async () => {
    const ds = ctx.dataSource;
    const net = (await insertNetwork(ds)).id;
    const forum = (await insertNetwork(ds)).id;
    await insertPartnership(ds, net, forum);
    for (const code of ['KE', 'UG']) await insertMemberState(ds, { networkId: net, countryCode: code });
    async function actor(networkId: string, role: NetworkRole, memberState: string | null, partners: string[]) {
      const account = await insertAccount(ds, { name: `${role} ${memberState ?? ''}` });
      await insertMembership(ds, { personId: account.personId, networkId, role, memberState });
      return {
        personId: account.personId,
        accountId: account.accountId,
        sessionId: null,
        isAdmin: false,
        memberships: [{ networkId, role, memberState }],
        partnerNetworkIds: partners,
        lang: 'en',
      } as Actor;
    }
    const secretariat = await actor(net, 'SECRETARIAT', null, [forum]);
    const kenya = await actor(net, 'FOCAL_POINT', 'KE', [forum]);
    const uganda = await actor(net, 'FOCAL_POINT', 'UG', [forum]);
    const civil = await actor(forum, 'CIVIL_SOCIETY', null, [net]);
    const plans = ctx.get(PlanService);
    const structure = ctx.get(StructureService);
    const reports = ctx.get(ReportService);
    const rollups = ctx.get(RollupService);

    const planOf = async (who: Actor, memberState: string, visibility: string) => {
      const p = await plans.create(who, {
        networkId: net,
        memberState,
        title: en(`${memberState} plan`),
        periodStart: '2012-01-01',
        periodEnd: '2014-12-31',
        visibility,
      });
      const o = await structure.addObjective(who, { planId: p.id, title: en('O'), tags: ['dimension:diversity'] });
      return { p, o };
    };
    const ke = await planOf(kenya, 'KE', 'PARTNERS');
    const a1 = await structure.addAction(kenya, {
      objectiveId: ke.o.id,
      title: en('a1'),
      startsOn: '2012-01-01',
      dueOn: '2012-06-30',
      weight: 3,
    });
    await structure.addAction(kenya, {
      objectiveId: ke.o.id,
      title: en('a2'),
      startsOn: '2012-01-01',
      dueOn: '2013-06-30',
    });
    await reports.reportProgress(kenya, { actionId: a1.id, progress: 40, status: 'IN_PROGRESS' });
    await plans.update(kenya, { planId: ke.p.id, expectedVersion: 1, status: 'ACTIVE' });
    const ug = await planOf(uganda, 'UG', 'RESTRICTED');
    await structure.addAction(uganda, {
      objectiveId: ug.o.id,
      title: en('u1'),
      startsOn: '2012-01-01',
      dueOn: '2012-03-31',
      status: 'DONE',
    });
    await plans.update(uganda, { planId: ug.p.id, expectedVersion: 1, status: 'ACTIVE' });

    // (3×40 + 1×0) / 4 = 30; a1 is overdue on 1 January 2013.
    expect(await rollups.planRollup(await plans.get(kenya, ke.p.id), '2013-01-01')).toMatchObject({
      progress: 30,
      overdue: 1,
    });
    await expect(plans.get(kenya, ug.p.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(plans.get(civil, ug.p.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const all = await rollups.dashboard(secretariat, { networkId: net, asOf: '2013-01-01' });
    const pick = (lines: typeof all.lines, grouping: string) =>
      lines
        .filter((l) => l.grouping === grouping)
        .map((l) => [l.key, l.plans, l.actions, l.progress, l.done, l.overdue]);
    // (3×40 + 0 + 100) / 5 = 44.
    expect(pick(all.lines, 'TOTAL')).toEqual([[null, 2, 3, 44, 1, 1]]);
    expect(pick(all.lines, 'MEMBER_STATE')).toEqual([
      ['KE', 1, 2, 30, 0, 1],
      ['UG', 1, 1, 100, 1, 0],
    ]);
    expect(pick(all.lines, 'REGION')).toEqual([['AFRICA', 2, 3, 44, 1, 1]]);
    expect(pick(all.lines, 'DIMENSION')).toEqual([['dimension:diversity', 2, 3, 44, 1, 1]]);
    const shared = await rollups.dashboard(civil, { networkId: net, asOf: '2013-01-01' });
    expect(pick(shared.lines, 'TOTAL')).toEqual([[null, 1, 2, 30, 0, 1]]);
    expect(pick(shared.lines, 'MEMBER_STATE')).toEqual([['KE', 1, 2, 30, 0, 1]]);
    expect((await plans.list(civil, { networkId: net })).totalCount).toBe(1);

    // A snapshot's per-plan figures sum back to the dashboard's lines (all groupings, years included),
    // for each caller, and summed over the plans another caller may read they give that caller's.
    const repo = ctx.get(RollupRepository);
    for (const who of [secretariat, kenya, uganda, civil]) {
      const filter = { networkId: net, asOf: '2013-01-01' };
      expect(dashboardLines(await repo.computePlanFigures(who, filter))).toEqual(
        await repo.computeDashboard(who, filter),
      );
    }
    const frozen = await repo.computePlanFigures(secretariat, { networkId: net, asOf: '2013-01-01' });
    expect(dashboardLines(frozen.filter((f) => f.planId === ke.p.id))).toEqual(shared.lines);
  });
});
