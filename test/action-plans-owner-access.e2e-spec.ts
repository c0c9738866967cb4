import { insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { startTestApp, TestApp } from './support/test-app';

const PLAN = `query($id: ID!) { actionPlan(id: $id) { id title { text } } }`;
const LIST = `query($n: ID) { actionPlans(networkId: $n) { totalCount } }`;
const COMMENT = `mutation($i: CommentOnPlanInput!) { commentOnPlan(input: $i) { id } }`;

/**
 * A named action owner reads a RESTRICTED plan while they hold a current term in the plan's network
 * (walk finding 4): after endMembership the plan answers exactly like a missing one for them (load,
 * lists and counts, comments), and a new term gives the access back. On the demo data: Sarah
 * (latam-network and an ICGLR observer), named owner on a plan of Lucía's secretariat.
 */
describe('action plans: a named owner reads the plan while a member of its network', () => {
  let t: TestApp;
  const network: Record<string, string> = {};

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  async function gql<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T | null; errors?: { message: string; extensions: { code: string } }[] }> {
    return (await t.gql<T>({ query, variables }, { token })).body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoData(t.dataSource, { info: () => undefined });
    for (const row of (await t.dataSource.query(`SELECT id, slug FROM network`)) as { id: string; slug: string }[]) {
      network[row.slug] = row.id;
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const T = (text: string) => [{ language: 'es', text }];

  it('loses the plan with the term (NOT_FOUND, uncounted, comments refused) and gets it back with a new one', async () => {
    const lucia = await tokenOf('lucia.fernandez@example.org');
    const [sarah] = (await t.dataSource.query(
      `SELECT p.id AS "personId", a.id AS "accountId" FROM account a JOIN person p ON p.id = a.person_id WHERE a.email = $1`,
      ['sarah.whitfield@example.org'],
    )) as { personId: string; accountId: string }[];
    const plan = await gql<{ createActionPlan: { id: string } }>(
      lucia,
      `mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { id } }`,
      {
        i: {
          networkId: network['latam-network'],
          memberState: 'PY',
          title: T('Plan restringido'),
          periodStart: '2025-01-01',
          periodEnd: '2027-12-31',
          visibility: 'RESTRICTED',
        },
      },
    );
    const planId = plan.data!.createActionPlan.id;
    const objective = await gql<{ addObjective: { id: string } }>(
      lucia,
      `mutation($i: AddObjectiveInput!) { addObjective(input: $i) { id } }`,
      { i: { planId, title: T('Objetivo') } },
    );
    const action = await gql(lucia, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, {
      i: {
        objectiveId: objective.data!.addObjective.id,
        title: T('Acción de Sarah'),
        startsOn: '2025-01-01',
        dueOn: '2025-06-01',
        responsiblePersonId: sarah.personId,
      },
    });
    expect(action.errors).toBeUndefined();
    const before = await insertSession(t.dataSource, sarah.accountId);
    expect((await gql(before, PLAN, { id: planId })).errors).toBeUndefined();
    const listedBefore = await gql<{ actionPlans: { totalCount: number } }>(before, LIST, {
      n: network['latam-network'],
    });
    expect(listedBefore.data!.actionPlans.totalCount).toBe(1);

    // The secretariat ends Sarah's latam-network term (she stays an ICGLR observer).
    const [term] = (await t.dataSource.query(
      `SELECT id FROM membership WHERE person_id = $1 AND network_id = $2 AND ends_on IS NULL`,
      [sarah.personId, network['latam-network']],
    )) as { id: string }[];
    const ended = await gql(lucia, `mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`, {
      i: { id: term.id },
    });
    expect(ended.errors).toBeUndefined();

    const gone = await insertSession(t.dataSource, sarah.accountId);
    const read = await gql(gone, PLAN, { id: planId });
    const missing = await gql(gone, PLAN, { id: '00000000-0000-4000-8000-000000000000' });
    expect(read.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(read.errors?.[0].message).toBe(missing.errors?.[0].message);
    const listed = await gql<{ actionPlans: { totalCount: number } }>(gone, LIST, { n: network['latam-network'] });
    expect(listed.data!.actionPlans.totalCount).toBe(0);
    const comment = await gql(gone, COMMENT, { i: { planId, body: 'still here' } });
    expect(comment.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const [{ count }] = (await t.dataSource.query(
      `SELECT count(*)::int AS count FROM plan_comment WHERE plan_id = $1`,
      [planId],
    )) as { count: number }[];
    expect(count).toBe(0);

    // A new term in the network: the named owner reads the plan again.
    const again = await gql(lucia, `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`, {
      i: { networkId: network['latam-network'], personId: sarah.personId, role: 'OBSERVER' },
    });
    expect(again.errors).toBeUndefined();
    const back = await insertSession(t.dataSource, sarah.accountId);
    expect((await gql(back, PLAN, { id: planId })).errors).toBeUndefined();
    const listedAgain = await gql<{ actionPlans: { totalCount: number } }>(back, LIST, { n: network['latam-network'] });
    expect(listedAgain.data!.actionPlans.totalCount).toBe(1);
  });
});
