import { DataSource } from 'typeorm';
import { ActionPlansModule, PlanDigestService, PlanService, StructureService } from '@enlace/action-plans';
import { Actor, NetworkRole } from '@enlace/core';
import {
  insertAccount,
  insertMembership,
  insertMemberState,
  insertNetwork,
  testContext,
  TestContext,
} from '@enlace/testing';
import { JobScheduler } from './job-scheduler';
import { PLAN_MONTHLY_SUMMARY, PLAN_WEEKLY_DIGEST } from './plan-digests.job';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';
import { slotOf } from './runner/job-schedule';

const en = (text: string) => [{ language: 'en', text }];
const DAY = 86_400_000;

describe('the plan digest jobs (weekly per country team, monthly to the secretariat)', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let jobs: JobScheduler;

  beforeAll(async () => {
    ctx = await testContext({
      imports: [ActionPlansModule],
      providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
    });
    ds = ctx.dataSource;
    jobs = ctx.get(JobScheduler);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('digests each country team’s week once, and summarises progress per member state to the secretariat once a month, in each reader’s language and per their preferences', async () => {
    const net = (await insertNetwork(ds, { defaultLanguage: 'en' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(ds, { networkId: net, countryCode: code });
    async function actor(role: NetworkRole, memberState: string | null, language = 'en'): Promise<Actor> {
      const account = await insertAccount(ds, { name: `${role} ${memberState ?? ''}`, preferredLanguage: language });
      await insertMembership(ds, { personId: account.personId, networkId: net, role, memberState });
      return {
        personId: account.personId,
        accountId: account.accountId,
        sessionId: null,
        isAdmin: false,
        memberships: [{ networkId: net, role, memberState }],
        partnerNetworkIds: [],
        lang: 'en',
      } as Actor;
    }
    const kenya = await actor('FOCAL_POINT', 'KE', 'fr');
    const alternate = await actor('ALTERNATE_FOCAL_POINT', 'KE');
    const owner = await actor('OBSERVER', null, 'es');
    const uganda = await actor('FOCAL_POINT', 'UG');
    const secretariat = await actor('SECRETARIAT', null, 'pt');
    const quiet = await actor('SECRETARIAT', null);
    // Preferences are respected: these two turned the kinds off.
    await ds.query(
      `INSERT INTO notification_preference (person_id, kind, delivery) VALUES ($1, 'planWeeklyDigest', 'OFF'), ($2, 'planMonthlySummary', 'OFF')`,
      [alternate.personId, quiet.personId],
    );
    const plans = ctx.get(PlanService);
    const structure = ctx.get(StructureService);

    const now = new Date();
    const weekSlot = slotOf(PLAN_WEEKLY_DIGEST.schedule, now);
    const today = weekSlot.toISOString().slice(0, 10);
    const inDays = (n: number) => new Date(weekSlot.getTime() + n * DAY).toISOString().slice(0, 10);

    const ke = await plans.create(kenya, {
      networkId: net,
      memberState: 'KE',
      title: [
        { language: 'fr', text: 'Plan national du Kenya' },
        { language: 'es', text: 'Plan nacional de Kenia' },
      ],
      periodStart: '2012-01-01',
      periodEnd: '2040-12-31',
    });
    const o = await structure.addObjective(kenya, { planId: ke.id, title: en('O') });
    await structure.addAction(kenya, {
      objectiveId: o.id,
      title: en('Late'),
      startsOn: '2012-01-01',
      dueOn: '2012-06-30',
      responsiblePersonId: owner.personId as string,
      weight: 1,
    });
    const soon = await structure.addAction(kenya, {
      objectiveId: o.id,
      title: en('Due this week'),
      startsOn: '2012-01-01',
      dueOn: inDays(3),
      weight: 3,
    });
    const indicator = await structure.addIndicator(kenya, {
      actionId: soon.id,
      title: en('Desks'),
      unit: 'desks',
      baseline: 0,
      target: 10,
      schedule: { start: '2012-01-01', end: '2013-01-01', everyMonths: 6 },
    });
    await ds.query(`UPDATE plan_indicator_due SET due_on = $2 WHERE indicator_id = $1 AND due_on = '2013-01-01'`, [
      indicator.id,
      inDays(10),
    ]);
    await ds.query(`UPDATE plan_action SET progress = 50 WHERE id = $1`, [soon.id]);
    await plans.update(kenya, { planId: ke.id, expectedVersion: 1, status: 'ACTIVE' });
    // Uganda's active plan has nothing due: no digest; a draft is never digested.
    const ug = await plans.create(uganda, {
      networkId: net,
      memberState: 'UG',
      title: en('Uganda plan'),
      periodStart: '2012-01-01',
      periodEnd: '2040-12-31',
    });
    const ou = await structure.addObjective(uganda, { planId: ug.id, title: en('O') });
    await structure.addAction(uganda, {
      objectiveId: ou.id,
      title: en('Later'),
      startsOn: '2012-01-01',
      dueOn: '2039-01-01',
    });
    await plans.update(uganda, { planId: ug.id, expectedVersion: 1, status: 'ACTIVE' });

    expect(await jobs.runSlot(PLAN_WEEKLY_DIGEST, weekSlot)).toMatchObject({ ran: true, status: 'DONE' });
    const weekly = (await ds.query(
      `SELECT person_id, subject_type, subject_id, params FROM notification WHERE kind = 'planWeeklyDigest' ORDER BY person_id`,
    )) as { person_id: string; subject_type: string; subject_id: string; params: Record<string, string | number> }[];
    expect(weekly.map((n) => n.person_id).sort()).toEqual([kenya.personId, owner.personId].sort());
    expect(weekly.every((n) => n.subject_type === 'action_plan' && n.subject_id === ke.id)).toBe(true);
    expect(weekly.find((n) => n.person_id === owner.personId)?.params).toEqual({
      planTitle: 'Plan nacional de Kenia',
      weekOf: today,
      actionsDue: 1,
      actionsOverdue: 1,
      indicatorReportsDue: 1,
    });
    expect(weekly.find((n) => n.person_id === kenya.personId)?.params.planTitle).toBe('Plan national du Kenya');

    // Exactly once: the slot's retry, a second run of its work, and the next day within the week.
    expect(await jobs.runSlot(PLAN_WEEKLY_DIGEST, new Date(weekSlot.getTime() + 60_000))).toMatchObject({ ran: false });
    expect(await ctx.get(PlanDigestService).sendWeekly(weekSlot)).toEqual({ digests: 0, notified: 0 });

    const daySlot = slotOf(PLAN_MONTHLY_SUMMARY.schedule, now);
    expect(await jobs.runSlot(PLAN_MONTHLY_SUMMARY, daySlot)).toMatchObject({ ran: true, status: 'DONE' });
    const monthly = (await ds.query(
      `SELECT person_id, subject_id, params FROM notification WHERE kind = 'planMonthlySummary' ORDER BY person_id`,
    )) as { person_id: string; subject_id: string; params: Record<string, string> }[];
    expect(monthly.map((n) => n.person_id)).toEqual([secretariat.personId]);
    expect(monthly[0].subject_id).toBe(net);
    expect(monthly[0].params.month).toBe(daySlot.toISOString().slice(0, 7));
    // Kenya: (1 × 0 + 3 × 50) / 4 = 37.5 → 38 %, one overdue; Uganda 0 %.
    expect(monthly[0].params.states).toBe('Quénia: 38% (ações atrasadas: 1)\nUganda: 0% (ações atrasadas: 0)');
    // The next day in the same month: nobody hears again.
    expect(await jobs.runSlot(PLAN_MONTHLY_SUMMARY, new Date(daySlot.getTime() + DAY))).toMatchObject({ ran: true });
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM notification WHERE kind IN ('planWeeklyDigest', 'planMonthlySummary')`,
    )) as { n: number }[];
    expect(n).toBe(3);
  });
});
