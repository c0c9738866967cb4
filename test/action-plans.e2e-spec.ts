import { randomUUID } from 'node:crypto';
import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import { signedInMember, SignedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  ActionData,
  actionPlanById,
  actionPlans,
  addAction,
  addIndicator,
  addObjective,
  correctProgressReport,
  createActionPlan,
  DashboardData,
  IndicatorData,
  networkDashboard,
  ObjectiveData,
  PlanData,
  preventionTags,
  ReportData,
  reportIndicatorValue,
  reportProgress,
  updateAction,
  updateActionPlan,
  updateIndicator,
  updateObjective,
} from './support/action-plans.operations';

const en = (text: string) => [{ language: 'en', text }];

describe('action plans', () => {
  let t: TestApp;
  let icglr: string;
  let forum: string;
  let other: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let uganda: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-plans' })).id;
    for (const code of ['KE', 'UG', 'TZ'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    forum = (await insertNetwork(t.dataSource, { slug: 'forum-plans', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    other = (await insertNetwork(t.dataSource, { slug: 'other-plans' })).id;
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, { name: 'Kenya FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'KE' });
    uganda = await signedInMember(t, { name: 'Uganda FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'UG' });
    civil = await signedInMember(t, { name: 'Forum member', networkId: forum, role: 'CIVIL_SOCIETY' });
    stranger = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const errorOf = (res: GraphqlResponse) => ({
    code: res.body.errors?.[0]?.extensions.code,
    message: res.body.errors?.[0]?.message,
    fields: res.body.errors?.[0]?.extensions.fields?.map((f) => f.field),
  });

  async function plan(token: string, input: Record<string, unknown>): Promise<PlanData> {
    return (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({ networkId: icglr, periodStart: '2012-07-01', periodEnd: '2015-06-30', ...input }),
          { token },
        ),
      )
    ).createActionPlan;
  }

  async function activate(token: string, p: PlanData): Promise<PlanData> {
    return (
      await ok(
        t.gql<{ updateActionPlan: PlanData }>(
          updateActionPlan({ planId: p.id, expectedVersion: p.version, status: 'ACTIVE' }),
          { token },
        ),
      )
    ).updateActionPlan;
  }

  async function objective(token: string, planId: string, title: string, tags: string[] = []): Promise<ObjectiveData> {
    return (
      await ok(t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId, title: en(title), tags }), { token }))
    ).addObjective;
  }

  async function action(token: string, objectiveId: string, input: Record<string, unknown>): Promise<ActionData> {
    return (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({ objectiveId, title: en('Action'), startsOn: '2012-08-01', dueOn: '2013-12-31', ...input }),
          { token },
        ),
      )
    ).addAction;
  }

  async function indicator(token: string, actionId: string, input: Record<string, unknown>): Promise<IndicatorData> {
    return (
      await ok(
        t.gql<{ addIndicator: IndicatorData }>(
          addIndicator({ actionId, title: en('Indicator'), unit: 'cases', ...input }),
          {
            token,
          },
        ),
      )
    ).addIndicator;
  }

  const report = async (token: string, input: Record<string, unknown>) =>
    (await ok(t.gql<{ reportProgress: ReportData }>(reportProgress(input), { token }))).reportProgress;

  const value = async (token: string, input: Record<string, unknown>) =>
    (await ok(t.gql<{ reportIndicatorValue: ReportData }>(reportIndicatorValue(input), { token })))
      .reportIndicatorValue;

  const dashboard = async (token: string, args: Record<string, unknown>) =>
    (await ok(t.gql<{ networkDashboard: DashboardData }>(networkDashboard({ asOf: '2013-06-30', ...args }), { token })))
      .networkDashboard;

  it('the country team drafts; a draft is the team’s and the secretariat’s; a PARTNERS plan is shared once active, a RESTRICTED one never', async () => {
    const draft = await plan(kenya.token, {
      memberState: 'KE',
      title: en('National action plan for early warning and early response'),
      visibility: 'PARTNERS',
    });
    expect(draft).toMatchObject({ status: 'DRAFT', memberState: 'KE', version: 1 });
    const read = (token: string) => t.gql(actionPlanById(draft.id), { token });
    expect((await read(secretariat.token)).body.errors).toBeUndefined();
    for (const who of [uganda, civil, stranger]) expect(errorOf(await read(who.token)).code).toBe('NOT_FOUND');

    const active = await activate(kenya.token, draft);
    expect(active).toMatchObject({ status: 'ACTIVE', version: 2 });
    for (const who of [uganda, civil]) expect((await read(who.token)).body.errors).toBeUndefined();
    expect(errorOf(await read(stranger.token)).code).toBe('NOT_FOUND');

    // Readable is not editable: another state's focal point, a civil-society member (who may comment only).
    for (const who of [uganda, civil]) {
      const edit = await t.gql(updateActionPlan({ planId: draft.id, expectedVersion: 2, title: en('Mine') }), {
        token: who.token,
      });
      expect(errorOf(edit).code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(addObjective({ planId: draft.id, title: en('x') }), { token: who.token })).code).toBe(
        'FORBIDDEN',
      );
    }
    // A focal point does not draft another state's plan.
    const notMine = await t.gql(
      createActionPlan({
        networkId: icglr,
        memberState: 'UG',
        title: en('x'),
        periodStart: '2012-01-01',
        periodEnd: '2012-12-31',
      }),
      { token: kenya.token },
    );
    expect(errorOf(notMine).code).toBe('FORBIDDEN');

    // Uganda's RESTRICTED plan: its country team (and an owner named on an action) and the secretariat only.
    const restricted = await activate(
      uganda.token,
      await plan(uganda.token, { memberState: 'UG', title: en('Uganda plan'), visibility: 'RESTRICTED' }),
    );
    const owner = await signedInMember(t, { name: 'Owner', networkId: icglr, role: 'OBSERVER' });
    const readR = (token: string) => t.gql(actionPlanById(restricted.id), { token });
    for (const who of [kenya, civil, owner]) expect(errorOf(await readR(who.token)).code).toBe('NOT_FOUND');
    const o = await objective(uganda.token, restricted.id, 'Prevention');
    await action(uganda.token, o.id, { responsiblePersonId: owner.personId });
    expect((await readR(owner.token)).body.errors).toBeUndefined();
    // The owner's personal-data export names the action.
    const exported = await ok(
      t.gql<{ myPersonalData: string }>({ query: '{ myPersonalData }' }, { token: owner.token }),
    );
    expect(JSON.parse(exported.myPersonalData)).toMatchObject({
      actionPlansCreated: [],
      planActionsResponsibleFor: [expect.objectContaining({ planId: restricted.id, status: 'NOT_STARTED' })],
      planProgressReports: [],
    });
    expect((await readR(secretariat.token)).body.errors).toBeUndefined();
    // Lists and counts: the forum member finds Kenya's shared plan and nothing else.
    const listed = (
      await ok(
        t.gql<{ actionPlans: { totalCount: number; edges: { node: PlanData }[] } }>(actionPlans({ networkId: icglr }), {
          token: civil.token,
        }),
      )
    ).actionPlans;
    expect(listed.totalCount).toBe(1);
    expect(listed.edges.map((e) => e.node.id)).toEqual([draft.id]);
    const mine = (
      await ok(
        t.gql<{ actionPlans: { totalCount: number } }>(actionPlans({ networkId: icglr, memberState: 'UG' }), {
          token: secretariat.token,
        }),
      )
    ).actionPlans;
    expect(mine.totalCount).toBe(1);
  });

  it('another network’s ids answer like missing ones, in every mutation', async () => {
    const p = await activate(secretariat.token, await plan(secretariat.token, { memberState: 'TZ', title: en('TZ') }));
    const o = await objective(secretariat.token, p.id, 'O');
    const a = await action(secretariat.token, o.id, {});
    const i = await indicator(secretariat.token, a.id, {
      baseline: 0,
      target: 10,
      schedule: { start: '2012-07-01', end: '2013-07-01', everyMonths: 6 },
    });
    const r = await report(secretariat.token, { actionId: a.id, progress: 10 });
    const ops = [
      createActionPlan({ networkId: icglr, title: en('x'), periodStart: '2012-01-01', periodEnd: '2012-12-31' }),
      updateActionPlan({ planId: p.id, expectedVersion: p.version, title: en('x') }),
      addObjective({ planId: p.id, title: en('x') }),
      updateObjective({ objectiveId: o.id, expectedVersion: o.version, title: en('x') }),
      addAction({ objectiveId: o.id, title: en('x'), startsOn: '2012-01-01', dueOn: '2012-02-01' }),
      updateAction({ actionId: a.id, expectedVersion: a.version, progress: 50 }),
      addIndicator({
        actionId: a.id,
        title: en('x'),
        unit: 'x',
        baseline: 0,
        target: 1,
        schedule: { start: '2012-01-01', end: '2013-01-01', everyMonths: 12 },
      }),
      updateIndicator({ indicatorId: i.id, expectedVersion: i.version, target: 20 }),
      reportProgress({ actionId: a.id, progress: 90 }),
      reportIndicatorValue({ indicatorId: i.id, dueOn: '2013-01-01', value: 3 }),
      correctProgressReport({ reportId: r.id, progress: 90 }),
    ];
    for (const op of ops) {
      const res = await t.gql(op, { token: stranger.token });
      expect({ op: op.query.slice(0, 60), code: errorOf(res).code }).toEqual({
        op: op.query.slice(0, 60),
        code: 'NOT_FOUND',
      });
    }
    // Nothing was written: the plan is as it was.
    const after = (
      await ok(
        t.gql<{ actionPlan: { version: number; objectives: { actions: ActionData[] }[] } }>(actionPlanById(p.id), {
          token: secretariat.token,
        }),
      )
    ).actionPlan;
    expect(after.objectives).toHaveLength(1);
    expect(
      after.objectives[0].actions.map((x) => [x.progress, x.indicators[0].dueDates.filter((d) => d.reported).length]),
    ).toEqual([[10, 0]]);
    // An action owner from another network is nobody here: answered exactly like an id of nobody.
    const named = (personId: string) =>
      t.gql(updateAction({ actionId: a.id, expectedVersion: 2, responsiblePersonId: personId }), {
        token: secretariat.token,
      });
    const foreign = errorOf(await named(stranger.personId));
    expect(foreign).toMatchObject({ code: 'NOT_FOUND' });
    expect(foreign).toEqual(errorOf(await named(randomUUID())));
  });

  it('two concurrent edits: one wins, the other gets a CONFLICT naming who changed it; no lost update', async () => {
    const p = await plan(kenya.token, { memberState: 'KE', title: en('Concurrent') });
    const [first, second] = await Promise.all([
      t.gql<{ updateActionPlan: PlanData }>(
        updateActionPlan({ planId: p.id, expectedVersion: 1, title: en('By Kenya') }),
        {
          token: kenya.token,
        },
      ),
      t.gql<{ updateActionPlan: PlanData }>(
        updateActionPlan({ planId: p.id, expectedVersion: 1, summary: en('By the secretariat') }),
        { token: secretariat.token, lang: 'es' },
      ),
    ]);
    const results = [first, second];
    const won = results.filter((r) => !r.body.errors);
    const lost = results.filter((r) => r.body.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(errorOf(lost[0]).code).toBe('CONFLICT');
    const winner = won[0] === first ? 'Kenya FP' : 'ICGLR Secretariat';
    expect(errorOf(lost[0]).message).toContain(winner);
    const now = (
      await ok(
        t.gql<{ actionPlan: PlanData & { summary: { text: string } | null } }>(actionPlanById(p.id), {
          token: kenya.token,
        }),
      )
    ).actionPlan;
    expect(now.version).toBe(2);
    if (won[0] === first) expect([now.title.text, now.summary]).toEqual(['By Kenya', null]);
    else expect([now.title.text, now.summary?.text]).toEqual(['Concurrent', 'By the secretariat']);

    // Objectives and actions too.
    const o = await objective(kenya.token, p.id, 'O');
    await ok(
      t.gql(updateObjective({ objectiveId: o.id, expectedVersion: o.version, title: en('O2') }), {
        token: kenya.token,
      }),
    );
    const stale = await t.gql(updateObjective({ objectiveId: o.id, expectedVersion: o.version, title: en('O3') }), {
      token: secretariat.token,
      lang: 'fr',
    });
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(errorOf(stale).message).toMatch(/^Kenya FP a modifié ceci le .* 20\d\d, après que vous l’avez ouvert/);
  });

  it('refuses bad input with localised messages and writes nothing', async () => {
    const p = await plan(kenya.token, { memberState: 'KE', title: en('Bad input') });
    const o = await objective(kenya.token, p.id, 'O', ['dimension:authority']);
    const bad = await t.gql(
      addAction({
        objectiveId: o.id,
        title: en('x'),
        startsOn: '2013-01-01',
        dueOn: '2012-01-01',
        progress: 120,
        weight: 0,
        tags: ['dimension:nope'],
      }),
      { token: kenya.token, lang: 'es' },
    );
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['tags.0', 'dueOn', 'progress', 'weight'] });
    const fields = bad.body.errors?.[0]?.extensions.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.message)).toEqual([
      '«dimension:nope» no es una dimensión de prevención ni una medida de resiliencia.',
      'La fecha límite es anterior a la fecha de inicio.',
      'El avance es un número entero de 0 a 100.',
      'El peso es un número mayor que 0 (como máximo 1000).',
    ]);
    const a = await action(kenya.token, o.id, {});
    const count = await indicator(kenya.token, a.id, {
      valueType: 'INTEGER',
      baseline: 0,
      target: 10,
      schedule: { start: '2012-07-01', end: '2013-07-01', everyMonths: 6 },
    });
    expect(count.dueDates.map((d) => d.dueOn)).toEqual(['2013-01-01', '2013-07-01']);
    const other = await indicator(kenya.token, a.id, {
      baseline: 0,
      target: 1,
      schedule: { start: '2012-07-01', end: '2013-07-01', everyMonths: 3 },
    });
    const half = await t.gql(reportIndicatorValue({ indicatorId: count.id, dueOn: '2013-01-01', value: 2.5 }), {
      token: kenya.token,
      lang: 'pt',
    });
    expect(errorOf(half)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['value'] });
    expect((half.body.errors?.[0]?.extensions.fields as { message: string }[])[0].message).toBe(
      'Este indicador conta: informe um número inteiro.',
    );
    // 2012-10-01 is a due date of the other indicator, not of this one.
    expect(other.dueDates.map((d) => d.dueOn)).toContain('2012-10-01');
    const elsewhere = await t.gql(reportIndicatorValue({ indicatorId: count.id, dueOn: '2012-10-01', value: 2 }), {
      token: kenya.token,
    });
    expect(errorOf(elsewhere)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['dueOn'] });
    const direction = await t.gql(
      addIndicator({
        actionId: a.id,
        title: en('x'),
        unit: 'x',
        baseline: 10,
        target: 5,
        schedule: { start: '2012-01-01', end: '2013-01-01', everyMonths: 12 },
      }),
      {
        token: kenya.token,
        lang: 'fr',
      },
    );
    expect(errorOf(direction)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['target'] });
    const stuck = await t.gql(updateActionPlan({ planId: p.id, expectedVersion: 1, status: 'COMPLETED' }), {
      token: kenya.token,
    });
    expect(errorOf(stuck)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.any(String) });
    // Nothing of the refused writes is there.
    const after = (
      await ok(
        t.gql<{ actionPlan: PlanData & { objectives: { actions: ActionData[] }[] } }>(actionPlanById(p.id), {
          token: kenya.token,
        }),
      )
    ).actionPlan;
    expect(after.status).toBe('DRAFT');
    expect(after.objectives[0].actions).toHaveLength(1);
    expect(after.objectives[0].actions[0].indicators.map((i) => i.dueDates.filter((d) => d.reported).length)).toEqual([
      0, 0,
    ]);
    expect(
      (await ok(t.gql<{ preventionTags: { key: string; label: string }[] }>(preventionTags, { lang: 'pt' })))
        .preventionTags,
    ).toContainEqual({
      key: 'dimension:nonrecurrence',
      label: 'Garantias de não repetição',
    });
  });

  it('keeps an append-only log, regenerates future due dates only, and rolls up plans and the network dashboard as computed by hand', async () => {
    // A network of its own, so that the other tests' plans stay out of the counts.
    const eac = (await insertNetwork(t.dataSource, { slug: 'eac-plans' })).id;
    for (const code of ['KE', 'UG', 'TZ']) await insertMemberState(t.dataSource, { networkId: eac, countryCode: code });
    await insertPartnership(t.dataSource, eac, forum);
    const sec = await signedInMember(t, { name: 'EAC Secretariat', networkId: eac, role: 'SECRETARIAT' });
    const ke = await signedInMember(t, { name: 'Kenya EAC', networkId: eac, role: 'FOCAL_POINT', memberState: 'KE' });
    const ug = await signedInMember(t, { name: 'Uganda EAC', networkId: eac, role: 'FOCAL_POINT', memberState: 'UG' });
    const tz = await signedInMember(t, {
      name: 'Tanzania EAC',
      networkId: eac,
      role: 'FOCAL_POINT',
      memberState: 'TZ',
    });
    const planIn = (token: string, input: Record<string, unknown>) => plan(token, { networkId: eac, ...input });
    const current = async (token: string, id: string) =>
      (await ok(t.gql<{ actionPlan: PlanData }>(actionPlanById(id), { token }))).actionPlan;

    // Kenya: two objectives, four actions (weights 2, 1, 1, 3), three indicators.
    const kePlan = await planIn(ke.token, { memberState: 'KE', title: en('Kenya NAP'), visibility: 'PARTNERS' });
    const o1 = await objective(ke.token, kePlan.id, 'Institutions', ['dimension:authority']);
    const o2 = await objective(ke.token, kePlan.id, 'Civil society', ['dimension:civil_society']);
    const a1 = await action(ke.token, o1.id, { weight: 2, dueOn: '2013-03-31' });
    const a2 = await action(ke.token, o1.id, { weight: 1, dueOn: '2013-12-31' });
    await action(ke.token, o2.id, { weight: 1, dueOn: '2013-05-31', status: 'CANCELLED' });
    const a4 = await action(ke.token, o2.id, { weight: 3, dueOn: '2014-06-30' });
    const i1 = await indicator(ke.token, a1.id, {
      baseline: 0,
      target: 10,
      schedule: { start: '2012-07-01', end: '2013-07-01', everyMonths: 6 },
    });
    const i2 = await indicator(ke.token, a2.id, {
      baseline: 40,
      target: 10,
      direction: 'DOWN',
      schedule: { start: '2012-07-01', end: '2013-01-01', everyMonths: 3 },
    });
    const i3 = await indicator(ke.token, a4.id, {
      baseline: 0,
      target: 100,
      valueType: 'PERCENT',
      schedule: { start: '2090-01-01', end: '2092-01-01', everyMonths: 12 },
    });
    expect(i3.dueDates.map((d) => d.dueOn)).toEqual(['2091-01-01', '2092-01-01']);

    // The focal point and the secretariat report; a first report of 10 on a4 is corrected to 20.
    await report(ke.token, {
      actionId: a1.id,
      status: 'IN_PROGRESS',
      progress: 50,
      narrative: en('Committee constituted'),
    });
    await report(sec.token, { actionId: a2.id, status: 'DONE' });
    const wrong = await report(ke.token, { actionId: a4.id, status: 'IN_PROGRESS', progress: 10 });
    const fixed = (
      await ok(
        t.gql<{ correctProgressReport: ReportData }>(correctProgressReport({ reportId: wrong.id, progress: 20 }), {
          token: ke.token,
        }),
      )
    ).correctProgressReport;
    expect(fixed).toMatchObject({ supersedes: wrong.id, progress: 20, status: 'IN_PROGRESS', authorName: 'Kenya EAC' });
    const twice = await t.gql(correctProgressReport({ reportId: wrong.id, progress: 30 }), { token: ke.token });
    expect(errorOf(twice).code).toBe('CONFLICT');
    await value(ke.token, { indicatorId: i1.id, dueOn: '2013-01-01', value: 6 });
    const again = await t.gql(reportIndicatorValue({ indicatorId: i1.id, dueOn: '2013-01-01', value: 7 }), {
      token: ke.token,
    });
    expect(errorOf(again).code).toBe('CONFLICT');
    await value(ke.token, { indicatorId: i2.id, dueOn: '2012-10-01', value: 30 });
    const last = await value(sec.token, { indicatorId: i2.id, dueOn: '2013-01-01', value: 12 });
    await ok(t.gql(correctProgressReport({ reportId: last.id, value: 10 }), { token: sec.token }));
    await value(ke.token, { indicatorId: i3.id, dueOn: '2091-01-01', value: 5 });

    // A new schedule: future due dates without a report follow it; the reported one stays.
    const moved = (
      await ok(
        t.gql<{ updateIndicator: IndicatorData }>(
          updateIndicator({
            indicatorId: i3.id,
            expectedVersion: i3.version,
            schedule: { start: '2090-01-01', end: '2092-01-01', everyMonths: 7 },
          }),
          { token: ke.token },
        ),
      )
    ).updateIndicator;
    expect(moved.dueDates).toEqual([
      { dueOn: '2090-08-01', reported: false },
      { dueOn: '2091-01-01', reported: true },
      { dueOn: '2091-03-01', reported: false },
      { dueOn: '2091-10-01', reported: false },
    ]);
    // A past schedule's dates stay whatever the change.
    const past = (
      await ok(
        t.gql<{ updateIndicator: IndicatorData }>(
          updateIndicator({
            indicatorId: i2.id,
            expectedVersion: i2.version,
            schedule: { start: '2012-07-01', end: '2013-01-01', everyMonths: 1 },
          }),
          { token: ke.token },
        ),
      )
    ).updateIndicator;
    expect(past.dueDates.map((d) => d.dueOn)).toEqual(['2012-10-01', '2013-01-01']);
    expect(past.currentValue).toBe(10);
    await activate(ke.token, await current(ke.token, kePlan.id));

    const full = (
      await ok(
        t.gql<{
          actionPlan: { rollup: unknown; objectives: { actions: (ActionData & { reports: ReportData[] })[] }[] };
        }>(actionPlanById(kePlan.id, '2013-06-30'), { token: civil.token }),
      )
    ).actionPlan;
    const log = full.objectives[1].actions.find((x) => x.id === a4.id)?.reports;
    // The action's log: its two progress reports (the first superseded, both kept) and i3's value.
    expect(log?.map((r) => [r.progress, r.value, r.supersedes, r.supersededBy])).toEqual([
      [10, null, null, fixed.id],
      [20, null, wrong.id, null],
      [null, 5, null, null],
    ]);
    expect(full.objectives[1].actions.map((x) => [x.status, x.progress])).toEqual([
      ['CANCELLED', 0],
      ['IN_PROGRESS', 20],
    ]);
    // (2×50 + 1×100 + 3×20) / (2 + 1 + 3) = 43.3; a1 is overdue on 30 June 2013. i1 (6 of 10 with
    // 364 of its 365 days gone) is off track; i2 reached its target; i3's schedule has not started and
    // it already has a value: on track.
    expect(full.rollup).toEqual({
      progress: 43.3,
      overdue: 1,
      indicatorsOnTrack: 2,
      indicatorsOffTrack: 1,
      indicatorsWithoutData: 0,
      actionsByStatus: [
        { status: 'CANCELLED', count: 1 },
        { status: 'DONE', count: 1 },
        { status: 'IN_PROGRESS', count: 2 },
      ],
    });

    // Uganda (RESTRICTED, one action at 80 %, authority) and Tanzania (a draft for 2020–2022, one action at 0 % due in 2013).
    const ugPlan = await planIn(ug.token, { memberState: 'UG', title: en('Uganda NAP'), visibility: 'RESTRICTED' });
    const ugo = await objective(ug.token, ugPlan.id, 'Authority', ['dimension:authority']);
    await action(ug.token, ugo.id, { progress: 80, status: 'IN_PROGRESS', dueOn: '2014-12-31' });
    await activate(ug.token, await current(ug.token, ugPlan.id));
    const tzPlan = await planIn(tz.token, {
      memberState: 'TZ',
      title: en('Tanzania NAP'),
      visibility: 'PARTNERS',
      periodStart: '2020-01-01',
      periodEnd: '2022-12-31',
    });
    const tzo = await objective(tz.token, tzPlan.id, 'Early warning');
    const tza = await action(tz.token, tzo.id, { dueOn: '2013-01-31' });

    const statements: string[] = [];
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    let bySecretariat: DashboardData;
    try {
      bySecretariat = await dashboard(sec.token, { networkId: eac });
    } finally {
      logger.logQuery = original;
    }
    // The session lookup, then one statement for the whole dashboard.
    expect(statements.filter((q) => /plan_action/.test(q))).toHaveLength(1);
    // Totals: (2×50 + 100 + 3×20 + 80 + 0) / (6 + 1 + 1) = 42.5.
    expect(bySecretariat.total).toEqual(
      expect.objectContaining({
        plans: 3,
        actions: 5,
        progress: 42.5,
        done: 1,
        overdue: 2,
        indicatorsOnTrack: 2,
        indicatorsOffTrack: 1,
      }),
    );
    expect(bySecretariat.byMemberState.map((l) => [l.key, l.plans, l.actions, l.progress, l.done, l.overdue])).toEqual([
      ['KE', 1, 3, 43.3, 1, 1],
      ['TZ', 1, 1, 0, 0, 1],
      ['UG', 1, 1, 80, 0, 0],
    ]);
    expect(bySecretariat.byMemberState[1].label).toBe('United Republic of Tanzania');
    expect(bySecretariat.byRegion.map((l) => [l.key, l.plans, l.actions, l.progress])).toEqual([
      ['AFRICA', 3, 5, 42.5],
    ]);
    // Authority: Kenya's a1 and a2 and Uganda's action: (2×50 + 100 + 80) / 4 = 70.
    expect(bySecretariat.byDimension.map((l) => [l.key, l.plans, l.actions, l.progress, l.done, l.overdue])).toEqual([
      ['dimension:authority', 2, 3, 70, 1, 1],
      ['dimension:civil_society', 1, 1, 20, 0, 0],
    ]);
    expect(bySecretariat.byYear.map((l) => [l.key, l.actions, l.overdue])).toEqual([
      ['2013', 3, 2],
      ['2014', 2, 0],
    ]);
    // Per period: only Tanzania's plan runs after 2016.
    expect((await dashboard(sec.token, { networkId: eac, periodFrom: '2016-01-01' })).total).toMatchObject({
      plans: 1,
      actions: 1,
    });

    // The forum member sees Kenya's PARTNERS plan (active) but neither Uganda's RESTRICTED one nor Tanzania's draft.
    const byForum = await dashboard(civil.token, { networkId: eac });
    expect(byForum.total).toMatchObject({
      plans: 1,
      actions: 3,
      progress: 43.3,
      done: 1,
      overdue: 1,
      indicatorsOnTrack: 2,
      indicatorsOffTrack: 1,
    });
    expect(byForum.byMemberState.map((l) => l.key)).toEqual(['KE']);
    expect(byForum.byRegion.map((l) => [l.key, l.plans, l.actions])).toEqual([['AFRICA', 1, 3]]);
    expect(byForum.byDimension.map((l) => [l.key, l.label, l.plans, l.actions, l.progress, l.done, l.overdue])).toEqual(
      [
        ['dimension:authority', 'Legitimate and capable authority', 1, 2, 66.7, 1, 1],
        ['dimension:civil_society', 'Vibrant civil society and active private sectors', 1, 1, 20, 0, 0],
      ],
    );
    expect(byForum.byYear.map((l) => [l.key, l.actions, l.overdue])).toEqual([
      ['2013', 2, 1],
      ['2014', 1, 0],
    ]);
    const found = (
      await ok(
        t.gql<{ actionPlans: { totalCount: number } }>(
          actionPlans({ networkId: eac, dimension: 'dimension:authority' }),
          { token: civil.token },
        ),
      )
    ).actionPlans;
    expect(found.totalCount).toBe(1);
    const kenyaData = JSON.parse(
      (await ok(t.gql<{ myPersonalData: string }>({ query: '{ myPersonalData }' }, { token: ke.token })))
        .myPersonalData,
    ) as { actionPlansCreated: unknown[]; planProgressReports: { reportId: string }[] };
    expect(kenyaData.actionPlansCreated).toHaveLength(1);
    expect(kenyaData.planProgressReports.map((r) => r.reportId)).toContain(fixed.id);
    // Another network's secretariat counts nothing of EAC's.
    expect((await dashboard(stranger.token, { networkId: eac })).total).toMatchObject({
      plans: 0,
      actions: 0,
      progress: null,
    });

    // The same dashboard again, plans unchanged: no new computation, the same figures. Tanzania's
    // report changes them at once.
    const computed: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      if (/plan_action/.test(query)) computed.push(query);
      return original(query, parameters, runner);
    };
    let repeated: DashboardData;
    try {
      repeated = await dashboard(sec.token, { networkId: eac });
    } finally {
      logger.logQuery = original;
    }
    expect(computed).toHaveLength(0);
    expect(repeated).toEqual(bySecretariat);
    await ok(t.gql(reportProgress({ actionId: tza.id, status: 'IN_PROGRESS', progress: 50 }), { token: tz.token }));
    const afterReport = await dashboard(sec.token, { networkId: eac });
    expect(afterReport.byMemberState.map((l) => [l.key, l.progress])).toEqual([
      ['KE', 43.3],
      ['TZ', 50],
      ['UG', 80],
    ]);
  });
});
