import { Client } from 'pg';
import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import {
  ActionData,
  addAction,
  addObjective,
  agendaPlanDashboards,
  attachPlanDashboard,
  createActionPlan,
  ObjectiveData,
  PlanData,
  reportProgress,
  SnapshotData,
  updateActionPlan,
} from './support/action-plans.operations';
import { signedInMember, SignedInMember } from './support/members';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

const en = (text: string) => [{ language: 'en', text }];

describe('action plans: a dashboard frozen on a meeting’s agenda item', () => {
  let t: TestApp;
  let icglr: string;
  let other: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let uganda: SignedInMember;
  let tanzania: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-snapshot' })).id;
    for (const code of ['KE', 'UG', 'TZ'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const forum = (await insertNetwork(t.dataSource, { slug: 'forum-snapshot', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    other = (await insertNetwork(t.dataSource, { slug: 'other-snapshot' })).id;
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, { name: 'Kenya FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'KE' });
    uganda = await signedInMember(t, { name: 'Uganda FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'UG' });
    tanzania = await signedInMember(t, {
      name: 'Tanzania FP',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'TZ',
    });
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

  /** A held meeting with one agenda item (inserted: the meetings' lifecycle is their tests' business). */
  async function meetingWithItem(
    networkId: string,
    visibility: string,
  ): Promise<{ meetingId: string; itemId: string }> {
    const [meeting] = (await t.dataSource.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       VALUES ($1, 'REGIONAL_COMMITTEE', '{"en": {"text": "Regional Committee, Nairobi", "status": "ORIGINAL"}}',
               '2013-06-28 07:00Z', '2013-06-30 15:00Z', 'Africa/Nairobi', $2, 'HELD') RETURNING id`,
      [networkId, visibility],
    )) as { id: string }[];
    const [item] = (await t.dataSource.query(
      `INSERT INTO meeting_agenda_item (meeting_id, position, title)
       VALUES ($1, 1, '{"en": {"text": "Status of the national action plans", "status": "ORIGINAL"}}') RETURNING id`,
      [meeting.id],
    )) as { id: string }[];
    return { meetingId: meeting.id, itemId: item.id };
  }

  /** An active plan of `state` with one action at `progress` %. */
  async function plan(member: SignedInMember, state: string, visibility: string, progress: number) {
    const p = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: state,
            title: en(`${state} NAP`),
            periodStart: '2012-08-01',
            periodEnd: '2014-12-31',
            visibility,
          }),
          { token: member.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: p.id, title: en('Early warning') }), {
          token: member.token,
        }),
      )
    ).addObjective;
    const a = (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({
            objectiveId: o.id,
            title: en('Committee set up'),
            startsOn: '2012-08-01',
            dueOn: '2014-12-31',
            status: 'IN_PROGRESS',
            progress,
          }),
          { token: member.token },
        ),
      )
    ).addAction;
    await ok(
      t.gql(updateActionPlan({ planId: p.id, expectedVersion: p.version, status: 'ACTIVE' }), { token: member.token }),
    );
    return { plan: p, action: a };
  }

  const snapshots = async (token: string, meetingId: string) => {
    const res = await t.gql<{ meeting: { agenda: { items: { id: string; planDashboards: SnapshotData[] }[] } } }>(
      agendaPlanDashboards(meetingId),
      { token },
    );
    return res;
  };

  it('freezes the dashboard for the meeting’s audience, shows it to the meeting’s readers, and refuses others', async () => {
    const kenyaPlan = await plan(kenya, 'KE', 'NETWORK', 40);
    await plan(uganda, 'UG', 'RESTRICTED', 90);
    await plan(tanzania, 'TZ', 'PARTNERS', 10);
    const network = await meetingWithItem(icglr, 'NETWORK');

    // The secretariat sees all three plans live, but the snapshot on a NETWORK meeting leaves out
    // Uganda's RESTRICTED plan: every member of the network reads this meeting.
    const attached = (
      await ok(
        t.gql<{ attachPlanDashboard: SnapshotData }>(
          attachPlanDashboard({ agendaItemId: network.itemId, networkId: icglr, asOf: '2013-06-30' }),
          { token: secretariat.token },
        ),
      )
    ).attachPlanDashboard;
    expect(attached).toMatchObject({ audience: 'NETWORK', attachedByName: 'ICGLR Secretariat' });
    expect(attached.dashboard.asOf).toBe('2013-06-30');
    expect(attached.dashboard.total).toMatchObject({ plans: 2, actions: 2, progress: 25 });
    expect(attached.dashboard.byMemberState.map((l) => [l.key, l.progress])).toEqual([
      ['KE', 40],
      ['TZ', 10],
    ]);

    // Tanzania's focal point reads the meeting and its snapshot, frozen: Kenya's later report changes nothing.
    await ok(t.gql(reportProgress({ actionId: kenyaPlan.action.id, progress: 80 }), { token: kenya.token }));
    const seen = (await ok(snapshots(tanzania.token, network.meetingId))).meeting.agenda.items[0].planDashboards;
    expect(seen).toHaveLength(1);
    expect(seen[0].dashboard).toEqual(attached.dashboard);

    // A PARTNERS meeting's snapshot counts the shared plans only; the forum member reads it.
    const partners = await meetingWithItem(icglr, 'PARTNERS');
    const shared = (
      await ok(
        t.gql<{ attachPlanDashboard: SnapshotData }>(
          attachPlanDashboard({ agendaItemId: partners.itemId, networkId: icglr, asOf: '2013-06-30' }),
          { token: secretariat.token },
        ),
      )
    ).attachPlanDashboard;
    expect(shared.dashboard.byMemberState.map((l) => l.key)).toEqual(['TZ']);
    const forumView = (await ok(snapshots(civil.token, partners.meetingId))).meeting.agenda.items[0].planDashboards;
    expect(forumView.map((s) => s.id)).toEqual([shared.id]);

    // A focal point does not run the meeting; another network's secretariat finds nothing; a wrong
    // network or date is bad input; nothing was written by any of them.
    const byKenya = await t.gql(
      attachPlanDashboard({ agendaItemId: network.itemId, networkId: icglr, asOf: '2013-06-30' }),
      { token: kenya.token },
    );
    expect(errorOf(byKenya).code).toBe('FORBIDDEN');
    const missing = await t.gql(
      attachPlanDashboard({
        agendaItemId: '00000000-0000-4000-8000-000000000000',
        networkId: icglr,
        asOf: '2013-06-30',
      }),
      { token: stranger.token },
    );
    const hidden = await t.gql(
      attachPlanDashboard({ agendaItemId: network.itemId, networkId: other, asOf: '2013-06-30' }),
      { token: stranger.token },
    );
    expect(errorOf(hidden)).toEqual(errorOf(missing));
    expect(errorOf(hidden).code).toBe('NOT_FOUND');
    const theirs = await meetingWithItem(other, 'NETWORK');
    const wrongNetwork = await t.gql(
      attachPlanDashboard({ agendaItemId: theirs.itemId, networkId: icglr, asOf: '2013-06-30' }),
      { token: stranger.token, lang: 'es' },
    );
    expect(errorOf(wrongNetwork)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['networkId'] });
    expect(JSON.stringify(wrongNetwork.body.errors?.[0]?.extensions.fields)).toContain('red de la reunión');
    const badDate = await t.gql(
      attachPlanDashboard({ agendaItemId: network.itemId, networkId: icglr, asOf: '30/06/2013' }),
      { token: secretariat.token },
    );
    expect(errorOf(badDate)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['asOf'] });
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_dashboard_snapshot`)) as {
      n: number;
    }[];
    expect(n).toBe(2);
    const [audit] = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'plan_dashboard_snapshot' AND entity_id = $1`,
      [attached.id],
    )) as { action: string }[];
    expect(audit.action).toBe('attach');
    const mine = JSON.parse(
      (await ok(t.gql<{ myPersonalData: string }>({ query: '{ myPersonalData }' }, { token: secretariat.token })))
        .myPersonalData,
    ) as { planDashboardsAttached: { snapshotId: string }[] };
    expect(mine.planDashboardsAttached.map((s) => s.snapshotId)).toEqual([attached.id, shared.id]);
    // The other network's secretariat cannot read ICGLR's meeting, so neither its snapshots.
    expect((await snapshots(stranger.token, network.meetingId)).body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
  it('reads the snapshots of 30 agenda items of 10 meetings in as many statements as those of 1 item', async () => {
    const net = (await insertNetwork(t.dataSource, { slug: 'icglr-snapshot-batch' })).id;
    const sec = await signedInMember(t, { name: 'Batch Secretariat', networkId: net, role: 'SECRETARIAT' });
    const meetings = (await t.dataSource.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       SELECT $1, 'REGIONAL_COMMITTEE', '{"en": {"text": "Committee", "status": "ORIGINAL"}}',
              timestamptz '2013-01-01 08:00Z' + n * interval '7 days', timestamptz '2013-01-01 16:00Z' + n * interval '7 days',
              'UTC', 'NETWORK', 'HELD'
         FROM generate_series(1, 10) AS n RETURNING id`,
      [net],
    )) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO meeting_agenda_item (meeting_id, position, title)
       SELECT m, p, '{"en": {"text": "Status of the plans", "status": "ORIGINAL"}}'
         FROM unnest(CAST($1 AS uuid[])) AS m, generate_series(1, 3) AS p`,
      [meetings.map((m) => m.id)],
    );
    await t.dataSource.query(
      `INSERT INTO plan_dashboard_snapshot (agenda_item_id, network_id, as_of, audience, lines, attached_by)
       SELECT ai.id, $2, '2013-06-30', 'NETWORK', '[]', $3 FROM meeting_agenda_item ai
        WHERE ai.meeting_id = ANY(CAST($1 AS uuid[]))`,
      [meetings.map((m) => m.id), net, sec.personId],
    );
    const page = (first: number): Operation => ({
      query: `query ($networkId: ID, $first: Int) { meetings(networkId: $networkId, first: $first) {
        edges { node { id agenda { items { id generated planDashboards { id agendaItemId audience } } } } } } }`,
      variables: { networkId: net, first },
    });
    type Page = {
      meetings: {
        edges: {
          node: { agenda: { items: { id: string; generated: boolean; planDashboards: SnapshotData[] }[] } };
        }[];
      };
    };
    const statements: string[] = [];
    async function count(operation: Operation, token: string): Promise<{ statements: number; data: Page }> {
      const original = Client.prototype.query;
      statements.length = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        const config = args[0] as string | { text: string };
        statements.push(typeof config === 'string' ? config : config.text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const data = await ok(t.gql<Page>(operation, { token }));
        return { statements: statements.length, data };
      } finally {
        Client.prototype.query = original;
      }
    }
    const one = await count(page(1), sec.token);
    const ten = await count(page(10), sec.token);
    const stored = (data: Page) => data.meetings.edges.flatMap((e) => e.node.agenda.items.filter((i) => !i.generated));
    expect(stored(one.data)).toHaveLength(3);
    expect(stored(ten.data)).toHaveLength(30);
    for (const item of stored(ten.data)) {
      expect(item.planDashboards.map((s) => [s.agendaItemId, s.audience])).toEqual([[item.id, 'NETWORK']]);
    }
    expect(ten.statements).toBe(one.statements);
    // Of those, the snapshots and which of their meetings the caller reads: two statements.
    expect(statements.filter((q) => /plan_dashboard_snapshot/.test(q))).toHaveLength(1);
    // Another network's secretariat lists none of these meetings, so reaches none of their snapshots.
    const theirs = await count(page(10), stranger.token);
    expect(theirs.data.meetings.edges).toEqual([]);
  });
});
