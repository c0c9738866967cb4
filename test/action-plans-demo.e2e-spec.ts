import { createActionPlansDemoSeed, loadActionPlansDemo } from '@enlace/action-plans';
import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { insertSession } from '@enlace/testing';
import { startTestApp, TestApp } from './support/test-app';
import { actionPlans, DashboardData, networkDashboard } from './support/action-plans.operations';
import { planTemplates, TemplateData } from './support/action-plans-templates.operations';

/** `npm run seed:demo`'s action-plans part: the ICGLR template, three copies, two periods reported. */
describe('action plans in the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  it('seeds the ICGLR template and Kenya’s, Uganda’s and Tanzania’s copies, idempotently; the dashboard reads them', async () => {
    const accounts = loadDemoData();
    await createDemoSeed(t.dataSource).seed(accounts);
    await createDirectoryDemoSeed(t.dataSource, new I18nService()).seed(loadDirectoryDemo(), accounts);
    const first = await createActionPlansDemoSeed(t.dataSource).seed(loadActionPlansDemo());
    expect(first).toEqual({ templates: 1, copies: 3, reports: 3 * 2 * (6 + 4), unchanged: 0 });
    const second = await createActionPlansDemoSeed(t.dataSource).seed(loadActionPlansDemo());
    expect(second).toEqual({ templates: 0, copies: 0, reports: 0, unchanged: 1 });

    const [network] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = 'icglr-committee'`)) as {
      id: string;
    }[];
    const secretariat = await tokenOf('aline.ndayishimiye@example.org');
    const templates = await t.gql<{ planTemplates: TemplateData[] }>(planTemplates({ networkId: network.id }), {
      token: secretariat,
      lang: 'fr',
    });
    expect(templates.body.errors).toBeUndefined();
    expect(templates.body.data!.planTemplates.map((x) => [x.version, x.title.text])).toEqual([
      [1, "Plan d'action national d'alerte précoce et de réaction rapide"],
    ]);

    const res = await t.gql<{ networkDashboard: DashboardData }>(
      networkDashboard({ networkId: network.id, asOf: '2014-06-30', status: 'ACTIVE' }),
      { token: secretariat },
    );
    expect(res.body.errors).toBeUndefined();
    const dashboard = res.body.data!.networkDashboard;
    expect(dashboard.total).toMatchObject({ plans: 3, actions: 18 });
    expect(dashboard.byMemberState.map((l) => l.key).sort()).toEqual(['KE', 'TZ', 'UG']);
    for (const line of dashboard.byMemberState) expect(line.progress).toBeGreaterThan(0);
    const kenya = dashboard.byMemberState.find((l) => l.key === 'KE')!;
    const uganda = dashboard.byMemberState.find((l) => l.key === 'UG')!;
    expect(kenya.progress!).toBeGreaterThan(uganda.progress!);
    expect(dashboard.byDimension.map((l) => l.key)).toEqual(
      expect.arrayContaining(['dimension:authority', 'dimension:nonrecurrence', 'dimension:civil_society']),
    );

    // Kenya's focal point reads Kenya's copy (and the other states' NETWORK plans), linked to the template.
    const kenyaFp = await tokenOf('wanjiru.kamau@example.org');
    const listed = await t.gql<{ actionPlans: { totalCount: number } }>(
      actionPlans({ networkId: network.id, memberState: 'KE' }),
      { token: kenyaFp },
    );
    expect(listed.body.data!.actionPlans.totalCount).toBe(1);
  });
});
