import { insertAccount, insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { startTestApp, TestApp } from './support/test-app';

const SNAPSHOT_TOTALS = `query($id: ID!) { meeting(id: $id) { agenda { items {
  planDashboards { dashboard { total { plans actions overdue } byMemberState { key plans } } } } } } }`;

interface Totals {
  meeting: {
    agenda: {
      items: {
        planDashboards: {
          dashboard: {
            total: { plans: number; actions: number; overdue: number };
            byMemberState: { key: string | null; plans: number }[];
          };
        }[];
      }[];
    };
  };
}

/**
 * A dashboard snapshot on an agenda item counts, for each reader, only the plans that reader may read
 * now (walk finding 3): it keeps each plan's frozen figures and sums them at read time over the
 * readable ones. On the demo data: a NETWORK meeting of latam-network, with the partner forum's
 * civil society invited by role (Joana, who may not read the network's NETWORK plans).
 */
describe('action plans: a dashboard snapshot counts no plan its reader may not read', () => {
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
    const body = (await t.gql<T>({ query, variables }, { token })).body;
    return body;
  }

  async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await gql<T>(token, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
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

  it('shows the forum invitee none of the network’s NETWORK plans, the organiser all of them', async () => {
    const lucia = await tokenOf('lucia.fernandez@example.org');
    const joana = await tokenOf('joana.almeida@example.org'); // lac-cso-forum CIVIL_SOCIETY (a partner)
    // A NETWORK plan of Paraguay, active, with one action overdue on the snapshot's date.
    const planId = (
      await ok<{ createActionPlan: { id: string } }>(
        lucia,
        `mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { id } }`,
        {
          i: {
            networkId: network['latam-network'],
            memberState: 'PY',
            title: T('Plan nacional del Paraguay'),
            periodStart: '2025-01-01',
            periodEnd: '2027-12-31',
            visibility: 'NETWORK',
          },
        },
      )
    ).createActionPlan.id;
    const objective = await ok<{ addObjective: { id: string } }>(
      lucia,
      `mutation($i: AddObjectiveInput!) { addObjective(input: $i) { id } }`,
      { i: { planId, title: T('Objetivo') } },
    );
    await ok(lucia, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, {
      i: { objectiveId: objective.addObjective.id, title: T('Acción'), startsOn: '2025-01-01', dueOn: '2025-06-01' },
    });
    const current = await ok<{ actionPlan: { version: number } }>(
      lucia,
      `query($id: ID!) { actionPlan(id: $id) { version } }`,
      { id: planId },
    );
    await ok(lucia, `mutation($i: UpdateActionPlanInput!) { updateActionPlan(input: $i) { status } }`, {
      i: { planId, expectedVersion: current.actionPlan.version, status: 'ACTIVE' },
    });

    const meetingId = (
      await ok<{ createMeeting: { id: string } }>(
        lucia,
        `mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { id } }`,
        {
          i: {
            networkId: network['latam-network'],
            kind: 'WORKING_GROUP',
            title: T('Grupo de trabajo'),
            start: '2030-03-01T10:00',
            end: '2030-03-01T12:00',
            timeZone: 'America/Asuncion',
            visibility: 'NETWORK',
          },
        },
      )
    ).createMeeting.id;
    const agenda = await ok<{ meeting: { agenda: { version: number } } }>(
      lucia,
      `query($id: ID!) { meeting(id: $id) { agenda { version } } }`,
      { id: meetingId },
    );
    const item = await ok<{ addAgendaItem: { item: { id: string } } }>(
      lucia,
      `mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
      { i: { meetingId, expectedVersion: agenda.meeting.agenda.version, title: T('Estado de los planes') } },
    );
    const attached = await ok<{ attachPlanDashboard: { dashboard: { total: { plans: number } } } }>(
      lucia,
      `mutation($i: AttachPlanDashboardInput!) { attachPlanDashboard(input: $i) { dashboard { total { plans } } } }`,
      { i: { agendaItemId: item.addAgendaItem.item.id, networkId: network['latam-network'], asOf: '2026-01-01' } },
    );
    const counted = attached.attachPlanDashboard.dashboard.total.plans;
    expect(counted).toBeGreaterThanOrEqual(1);

    // The forum's civil society is invited by role after the snapshot was attached, by an administrator
    // (who may see the forum's people; Lucía may not, so her invitation of the role brings none of them).
    const admin = await insertAccount(t.dataSource, { isAdmin: true });
    const adminToken = await insertSession(t.dataSource, admin.accountId);
    const invited = await ok<{ inviteToMeeting: { added: number } }>(
      adminToken,
      `mutation($i: InviteToMeetingInput!) { inviteToMeeting(input: $i) { added } }`,
      { i: { meetingId, roles: [{ networkId: network['lac-cso-forum'], role: 'CIVIL_SOCIETY' }] } },
    );
    expect(invited.inviteToMeeting.added).toBeGreaterThan(0);
    const version = await ok<{ meeting: { version: number } }>(
      lucia,
      `query($id: ID!) { meeting(id: $id) { version } }`,
      {
        id: meetingId,
      },
    );
    await ok(lucia, `mutation($i: MeetingStepInput!) { scheduleMeeting(input: $i) { status } }`, {
      i: { meetingId, expectedVersion: version.meeting.version },
    });

    // Joana may not read or count the plan, and the snapshot counts none for her...
    const own = await ok<{ networkDashboard: { total: { plans: number } } }>(
      joana,
      `query($n: ID!) { networkDashboard(networkId: $n) { total { plans } } }`,
      { n: network['latam-network'] },
    );
    expect(own.networkDashboard.total.plans).toBe(0);
    const hers = (await ok<Totals>(joana, SNAPSHOT_TOTALS, { id: meetingId })).meeting.agenda.items.flatMap(
      (i) => i.planDashboards,
    );
    expect(hers).toHaveLength(1);
    expect(hers[0].dashboard.total).toEqual({ plans: 0, actions: 0, overdue: 0 });
    expect(hers[0].dashboard.byMemberState).toEqual([]);

    // ...while the organiser reads the frozen figures of every plan she attached, Paraguay's included.
    const theirs = (await ok<Totals>(lucia, SNAPSHOT_TOTALS, { id: meetingId })).meeting.agenda.items.flatMap(
      (i) => i.planDashboards,
    );
    expect(theirs[0].dashboard.total.plans).toBe(counted);
    expect(theirs[0].dashboard.byMemberState.find((l) => l.key === 'PY')?.plans).toBe(1);
  });
});
