import { DataSource } from 'typeorm';
import { ActionPlansModule, PlanReminderService, PlanService, StructureService } from '@enlace/action-plans';
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
import { PLAN_REMINDERS } from './plan-reminders.job';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';

const en = (text: string) => [{ language: 'en', text }];

describe('the plan-reminders job', () => {
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

  it('tells the owner and the country team of an overdue action and a report due soon, once each, in their language', async () => {
    const net = (await insertNetwork(ds, { defaultLanguage: 'en' })).id;
    await insertMemberState(ds, { networkId: net, countryCode: 'KE' });
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
    const owner = await actor('OBSERVER', null, 'es');
    const alternate = await actor('ALTERNATE_FOCAL_POINT', 'KE');
    const bystander = await actor('SECRETARIAT', null);
    const plans = ctx.get(PlanService);
    const structure = ctx.get(StructureService);
    const plan = await plans.create(kenya, {
      networkId: net,
      memberState: 'KE',
      title: [{ language: 'fr', text: 'Plan national du Kenya' }],
      periodStart: '2012-01-01',
      periodEnd: '2030-12-31',
    });
    const o = await structure.addObjective(kenya, { planId: plan.id, title: en('O') });
    const late = await structure.addAction(kenya, {
      objectiveId: o.id,
      title: [
        { language: 'fr', text: 'Créer le comité national' },
        { language: 'es', text: 'Crear el comité nacional' },
      ],
      startsOn: '2012-01-01',
      dueOn: '2012-06-30',
      responsiblePersonId: owner.personId as string,
    });
    const indicator = await structure.addIndicator(kenya, {
      actionId: late.id,
      title: en('Early-warning desks'),
      unit: 'desks',
      baseline: 0,
      target: 10,
      schedule: { start: '2012-01-01', end: '2013-01-01', everyMonths: 6 },
    });
    const now = new Date();
    now.setUTCHours(12, 0, 0, 0);
    const inTenDays = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    await ds.query(`UPDATE plan_indicator_due SET due_on = $2 WHERE indicator_id = $1 AND due_on = '2013-01-01'`, [
      indicator.id,
      inTenDays,
    ]);
    // A draft reminds nobody.
    expect(await ctx.get(PlanReminderService).sendDue(now)).toMatchObject({ notified: 0 });
    await plans.update(kenya, { planId: plan.id, expectedVersion: 1, status: 'ACTIVE' });

    expect(await jobs.runSlot(PLAN_REMINDERS, now)).toMatchObject({ ran: true, status: 'DONE' });
    const sent = (await ds.query(
      `SELECT person_id, kind, subject_type, params FROM notification WHERE kind LIKE 'plan%' ORDER BY kind, person_id`,
    )) as { person_id: string; kind: string; subject_type: string; params: Record<string, string> }[];
    const team = sent.filter((n) => n.kind === 'planActionOverdue').map((n) => n.person_id);
    expect(team).toHaveLength(3);
    expect(team).toContain(owner.personId);
    expect(team).toContain(kenya.personId);
    expect(team).toContain(alternate.personId);
    expect(team).not.toContain(bystander.personId);
    expect(sent.find((n) => n.kind === 'planActionOverdue' && n.person_id === owner.personId)?.params).toMatchObject({
      actionTitle: 'Crear el comité nacional',
      dueOn: '2012-06-30',
    });
    expect(sent.find((n) => n.kind === 'planActionOverdue' && n.person_id === kenya.personId)?.params).toMatchObject({
      actionTitle: 'Créer le comité national',
      planTitle: 'Plan national du Kenya',
    });
    expect(sent.filter((n) => n.kind === 'planIndicatorDue').map((n) => n.subject_type)).toEqual([
      'plan_indicator_due',
      'plan_indicator_due',
      'plan_indicator_due',
    ]);
    expect(sent.filter((n) => n.kind === 'planIndicatorOverdue')).toEqual([]);

    // The same slot again, a retry of its work, the next day: nobody hears twice.
    expect(await jobs.runSlot(PLAN_REMINDERS, new Date(now.getTime() + 60_000))).toMatchObject({ ran: false });
    expect(await ctx.get(PlanReminderService).sendDue(now)).toMatchObject({ notified: 0 });
    expect(await jobs.runSlot(PLAN_REMINDERS, new Date(now.getTime() + 86_400_000))).toMatchObject({ ran: true });
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM notification
        WHERE kind IN ('planActionOverdue', 'planIndicatorDue', 'planIndicatorOverdue')`,
    )) as { n: number }[];
    expect(n).toBe(6);
  });
});
