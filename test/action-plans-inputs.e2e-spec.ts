import { insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What an action plan's structure accepts, on the demo data (ICGLR secretariat, Aline): a weight the
 * column keeps as given, and an indicator's baseline and target that its values could take (the rule
 * reportIndicatorValue applies). A refusal is a localised BAD_USER_INPUT on the field; nothing is written.
 */
describe('action plans: weights, indicator targets and the regional line of the dashboard', () => {
  let t: TestApp;
  let aline: string;
  let icglr: string;
  let objectiveId: string;
  let actionId: string;

  type Errors = { message: string; extensions: { code: string; fields?: { field: string; message: string }[] } }[];
  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    lang = 'en',
  ): Promise<{ data?: T | null; errors?: Errors }> {
    return (await t.gql<T>({ query, variables }, { token: aline, lang })).body as { data?: T | null; errors?: Errors };
  }

  const en = (text: string) => [{ language: 'en', text }];
  const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id weight version } }`;
  const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id weight version } }`;
  const ADD_INDICATOR = `mutation($i: AddIndicatorInput!) { addIndicator(input: $i) { id valueType baseline target version } }`;
  const UPDATE_INDICATOR = `mutation($i: UpdateIndicatorInput!) {
    updateIndicator(input: $i) { id valueType baseline target version } }`;
  const schedule = { start: '2030-01-01', end: '2031-01-01', everyMonths: 6 };

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = (await t.dataSource.query(sql, params)) as { n: string }[];
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoData(t.dataSource, { info: () => undefined });
    const [account] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [
      'aline.ndayishimiye@example.org',
    ])) as { id: string }[];
    aline = await insertSession(t.dataSource, account.id);
    [{ id: icglr }] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = 'icglr-committee'`)) as {
      id: string;
    }[];
    // A regional plan (no member state) of the committee, with one objective and one action.
    const plan = await gql<{ createActionPlan: { id: string } }>(
      `mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { id } }`,
      { i: { networkId: icglr, title: en('Regional weights'), periodStart: '2030-01-01', periodEnd: '2031-12-31' } },
    );
    expect(plan.errors).toBeUndefined();
    const objective = await gql<{ addObjective: { id: string } }>(
      `mutation($i: AddObjectiveInput!) { addObjective(input: $i) { id } }`,
      { i: { planId: plan.data!.createActionPlan.id, title: en('Objective') } },
    );
    objectiveId = objective.data!.addObjective.id;
    const action = await gql<{ addAction: { id: string } }>(ADD_ACTION, {
      i: { objectiveId, title: en('Action'), startsOn: '2030-01-01', dueOn: '2030-06-01', weight: 1.25 },
    });
    expect(action.errors).toBeUndefined();
    actionId = action.data!.addAction.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([0.001, 1.255, 0.005])(
    'refuses an action weight of %s (more than two decimals) in add and update, localised, writing nothing',
    async (weight) => {
      const before = await count(`SELECT count(*) AS n FROM plan_action WHERE objective_id = $1`, [objectiveId]);
      const added = await gql(
        ADD_ACTION,
        { i: { objectiveId, title: en('a'), startsOn: '2030-01-01', dueOn: '2030-06-01', weight } },
        'es',
      );
      expect(added.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(added.errors?.[0].extensions.fields).toEqual([
        expect.objectContaining({
          field: 'weight',
          message: 'El peso tiene como máximo dos decimales (por ejemplo 0,25).',
        }),
      ]);
      expect(await count(`SELECT count(*) AS n FROM plan_action WHERE objective_id = $1`, [objectiveId])).toBe(before);

      const [current] = (await t.dataSource.query(`SELECT weight, version FROM plan_action WHERE id = $1`, [
        actionId,
      ])) as { weight: string; version: number }[];
      const updated = await gql(UPDATE_ACTION, { i: { actionId, expectedVersion: current.version, weight } }, 'fr');
      expect(updated.errors?.[0].extensions.fields).toEqual([
        expect.objectContaining({ field: 'weight', message: 'Le poids a au plus deux décimales (par exemple 0,25).' }),
      ]);
      expect(await t.dataSource.query(`SELECT weight, version FROM plan_action WHERE id = $1`, [actionId])).toEqual([
        current,
      ]);
    },
  );

  it('keeps a weight of two decimals as given', async () => {
    const [current] = (await t.dataSource.query(`SELECT version FROM plan_action WHERE id = $1`, [actionId])) as {
      version: number;
    }[];
    const updated = await gql<{ updateAction: { weight: number } }>(UPDATE_ACTION, {
      i: { actionId, expectedVersion: current.version, weight: 0.29 },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAction.weight).toBe(0.29);
  });

  it.each([
    ['INTEGER', 0, 1.5, 'target'],
    ['INTEGER', 0.5, 10, 'baseline'],
    ['PERCENT', 0, 150, 'target'],
    ['PERCENT', -5, 50, 'baseline'],
    ['YES_NO', 0, 7, 'target'],
  ])(
    'an %s indicator refuses a baseline %s / target %s its values could never take',
    async (valueType, baseline, target, field) => {
      const before = await count(`SELECT count(*) AS n FROM plan_indicator WHERE action_id = $1`, [actionId]);
      const res = await gql(
        ADD_INDICATOR,
        { i: { actionId, title: en('Indicator'), unit: 'u', valueType, baseline, target, schedule } },
        'pt',
      );
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions.fields?.map((f) => f.field)).toEqual([field]);
      expect(await count(`SELECT count(*) AS n FROM plan_indicator WHERE action_id = $1`, [actionId])).toBe(before);
    },
  );

  it('updates an indicator only to a target and a type its values fit, with reportIndicatorValue’s message', async () => {
    const made = await gql<{ addIndicator: { id: string; version: number } }>(ADD_INDICATOR, {
      i: {
        actionId,
        title: en('Officials trained'),
        unit: 'people',
        valueType: 'INTEGER',
        baseline: 0,
        target: 10,
        schedule,
      },
    });
    expect(made.errors).toBeUndefined();
    const indicatorId = made.data!.addIndicator.id;
    const version = made.data!.addIndicator.version;
    // reportIndicatorValue's words for a count given a fraction, in Spanish...
    const reported = await gql(
      `mutation($i: ReportIndicatorValueInput!) { reportIndicatorValue(input: $i) { id } }`,
      { i: { indicatorId, dueOn: '2030-07-01', value: 1.5 } },
      'es',
    );
    const countMessage = reported.errors?.[0].extensions.fields?.[0].message;
    expect(countMessage).toBeTruthy();
    // ...are the words for a target of 10.5.
    const fraction = await gql(UPDATE_INDICATOR, { i: { indicatorId, expectedVersion: version, target: 10.5 } }, 'es');
    expect(fraction.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(fraction.errors?.[0].extensions.fields).toEqual([
      expect.objectContaining({ field: 'target', message: countMessage }),
    ]);
    // A yes/no indicator cannot keep the target 10.
    const yesNo = await gql(UPDATE_INDICATOR, { i: { indicatorId, expectedVersion: version, valueType: 'YES_NO' } });
    expect(yesNo.errors?.[0].extensions.fields).toEqual([
      expect.objectContaining({ field: 'target', message: 'This indicator is yes or no: give 1 for yes, 0 for no.' }),
    ]);
    expect(
      await t.dataSource.query(
        `SELECT value_type, target::float8 AS target, version FROM plan_indicator WHERE id = $1`,
        [indicatorId],
      ),
    ).toEqual([{ value_type: 'INTEGER', target: 10, version }]);
    // A percentage can.
    const percent = await gql<{ updateIndicator: { valueType: string; target: number } }>(UPDATE_INDICATOR, {
      i: { indicatorId, expectedVersion: version, valueType: 'PERCENT' },
    });
    expect(percent.errors).toBeUndefined();
    expect(percent.data!.updateIndicator).toMatchObject({ valueType: 'PERCENT', target: 10 });
  });

  it('labels the regional plans’ line of the dashboard by member state in the request language', async () => {
    const labels: Record<string, string> = {
      en: 'Regional (whole network)',
      es: 'Regional (toda la red)',
      pt: 'Regional (toda a rede)',
      fr: 'Régional (tout le réseau)',
    };
    for (const [lang, label] of Object.entries(labels)) {
      const res = await gql<{ networkDashboard: { byMemberState: { key: string | null; label: string | null }[] } }>(
        `query($n: ID!) { networkDashboard(networkId: $n, asOf: "2030-03-01") { byMemberState { key label } } }`,
        { n: icglr },
        lang,
      );
      expect(res.errors).toBeUndefined();
      const lines = res.data!.networkDashboard.byMemberState;
      expect(lines.filter((l) => l.key === null)).toEqual([{ key: null, label }]);
      expect(lines.every((l) => l.label !== null)).toBe(true);
    }
  });
});
