import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import {
  ActionData,
  actionsAnswering,
  addAction,
  addObjective,
  citeActionSource,
  createActionPlan,
  createRecommendation,
  ObjectiveData,
  PlanData,
  reportProgress,
  SourceData,
  updateAction,
  updateActionPlan,
} from './support/action-plans.operations';
import { addDecision, addFollowUp, FollowUpData } from './support/meetings-agenda.operations';
import { signedInMember, SignedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

const en = (text: string) => [{ language: 'en', text }];

describe('action plans: what actions answer', () => {
  let t: TestApp;
  let icglr: string;
  let other: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-sources' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const forum = (await insertNetwork(t.dataSource, { slug: 'forum-sources', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    other = (await insertNetwork(t.dataSource, { slug: 'other-sources' })).id;
    await insertMemberState(t.dataSource, { networkId: other, countryCode: 'KE' });
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, { name: 'Kenya FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'KE' });
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

  /** A held meeting of `networkId` (inserted as held: its lifecycle is the meetings' tests' business). */
  async function heldMeeting(networkId: string): Promise<string> {
    const [row] = (await t.dataSource.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       VALUES ($1, 'REGIONAL_COMMITTEE', '{"en": {"text": "Regional Committee, Kampala", "status": "ORIGINAL"}}',
               '2012-08-20 07:00Z', '2012-08-22 15:00Z', 'Africa/Kampala', 'NETWORK', 'HELD') RETURNING id`,
      [networkId],
    )) as { id: string }[];
    return row.id;
  }

  async function followUp(token: string, meetingId: string, countryCode: string) {
    const decision = (
      await ok(
        t.gql<{ addDecision: { id: string } }>(
          addDecision({ meetingId, text: en('National committees draft their action plans.') }),
          { token },
        ),
      )
    ).addDecision;
    const created = (
      await ok(
        t.gql<{ addFollowUp: FollowUpData & { status: string } }>(
          addFollowUp({ decisionId: decision.id, text: en('Kenya drafts its plan'), assignee: { countryCode } }),
          { token },
        ),
      )
    ).addFollowUp;
    return { decisionId: decision.id, followUp: created };
  }

  it('links a meeting follow-up to an action, closes it when the action is done, and answers both ways within visibility', async () => {
    const meetingId = await heldMeeting(icglr);
    const { decisionId, followUp: fu } = await followUp(secretariat.token, meetingId, 'KE');
    expect(fu.status).toBe('OPEN');
    const plan = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: 'KE',
            title: en('Kenya NAP'),
            periodStart: '2012-08-01',
            periodEnd: '2014-12-31',
            visibility: 'PARTNERS',
          }),
          { token: kenya.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: plan.id, title: en('O') }), {
          token: kenya.token,
        }),
      )
    ).addObjective;
    const a = (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({ objectiveId: o.id, title: en('Draft the plan'), startsOn: '2012-08-01', dueOn: '2012-12-31' }),
          { token: kenya.token },
        ),
      )
    ).addAction;

    const cited = (
      await ok(
        t.gql<{ citeActionSource: { sources: SourceData[] } }>(
          citeActionSource({ actionId: a.id, followUpId: fu.id, closesFollowUp: true }),
          { token: kenya.token },
        ),
      )
    ).citeActionSource;
    expect(cited.sources).toEqual([
      expect.objectContaining({ kind: 'FOLLOW_UP', followUpId: fu.id, followUpStatus: 'OPEN', closesFollowUp: true }),
    ]);
    const twice = await t.gql(citeActionSource({ actionId: a.id, followUpId: fu.id }), { token: kenya.token });
    expect(errorOf(twice).code).toBe('CONFLICT');
    // A protocol article and a recommendation of the network.
    await ok(
      t.gql(
        citeActionSource({
          actionId: a.id,
          protocol:
            'Protocol for the Prevention and the Punishment of the Crime of Genocide, War Crimes and Crimes against Humanity',
          article: 'Article 38',
        }),
        { token: kenya.token },
      ),
    );
    const rec = (
      await ok(
        t.gql<{ createRecommendation: { id: string } }>(
          createRecommendation({
            networkId: icglr,
            source: 'Universal Periodic Review, 2nd cycle',
            issuedOn: '2015-01-26',
            text: en('Establish a national mechanism for the prevention of genocide.'),
          }),
          { token: secretariat.token },
        ),
      )
    ).createRecommendation;
    const byKenya = await t.gql(
      createRecommendation({ networkId: icglr, source: 'x', issuedOn: '2015-01-26', text: en('x') }),
      { token: kenya.token },
    );
    expect(errorOf(byKenya).code).toBe('FORBIDDEN');
    const withRec = (
      await ok(
        t.gql<{ citeActionSource: { sources: SourceData[] } }>(
          citeActionSource({ actionId: a.id, recommendationId: rec.id }),
          {
            token: kenya.token,
          },
        ),
      )
    ).citeActionSource;
    expect(withRec.sources.map((s) => s.kind)).toEqual(['FOLLOW_UP', 'PROTOCOL_ARTICLE', 'RECOMMENDATION']);
    const two = await t.gql(citeActionSource({ actionId: a.id, recommendationId: rec.id, article: 'Article 1' }), {
      token: kenya.token,
      lang: 'es',
    });
    expect(errorOf(two)).toMatchObject({ code: 'BAD_USER_INPUT' });

    // Which actions answer this decision? The draft plan is Kenya's team's and the secretariat's.
    const answering = (token: string, args: Record<string, unknown>) =>
      ok(t.gql<{ actionsAnswering: { id: string }[] }>(actionsAnswering(args), { token }));
    expect((await answering(secretariat.token, { decisionId })).actionsAnswering.map((x) => x.id)).toEqual([a.id]);
    expect((await answering(civil.token, { followUpId: fu.id })).actionsAnswering).toEqual([]);
    await ok(
      t.gql(updateActionPlan({ planId: plan.id, expectedVersion: plan.version, status: 'ACTIVE' }), {
        token: kenya.token,
      }),
    );
    expect((await answering(civil.token, { recommendationId: rec.id })).actionsAnswering.map((x) => x.id)).toEqual([
      a.id,
    ]);
    expect((await answering(stranger.token, { decisionId })).actionsAnswering).toEqual([]);

    // Done: the follow-up closes in its meeting.
    await ok(t.gql(reportProgress({ actionId: a.id, status: 'DONE' }), { token: kenya.token }));
    const [row] = (await t.dataSource.query(`SELECT status FROM meeting_follow_up WHERE id = $1`, [fu.id])) as {
      status: string;
    }[];
    expect(row.status).toBe('DONE');
    const after = (await answering(kenya.token, { followUpId: fu.id })).actionsAnswering as unknown as {
      status: string;
      sources: SourceData[];
    }[];
    expect(after[0]).toMatchObject({ status: 'DONE' });
    expect(after[0].sources[0]).toMatchObject({ followUpStatus: 'DONE' });
  });

  it('closes the follow-up in the action’s own transaction: a refusal leaves both as they were', async () => {
    const meetingId = await heldMeeting(icglr);
    const { followUp: uganda } = await followUp(secretariat.token, meetingId, 'UG');
    const plan = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: 'KE',
            title: en('Kenya NAP, joint actions'),
            periodStart: '2012-08-01',
            periodEnd: '2014-12-31',
          }),
          { token: kenya.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: plan.id, title: en('O') }), {
          token: kenya.token,
        }),
      )
    ).addObjective;
    const a = (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({
            objectiveId: o.id,
            title: en('Joint border review'),
            startsOn: '2012-08-01',
            dueOn: '2012-12-31',
          }),
          { token: kenya.token },
        ),
      )
    ).addAction;
    await ok(
      t.gql(citeActionSource({ actionId: a.id, followUpId: uganda.id, closesFollowUp: true }), { token: kenya.token }),
    );
    const state = async () => ({
      followUp: (
        (await t.dataSource.query(`SELECT status FROM meeting_follow_up WHERE id = $1`, [uganda.id])) as {
          status: string;
        }[]
      )[0].status,
      action: (
        (await t.dataSource.query(`SELECT status FROM plan_action WHERE id = $1`, [a.id])) as { status: string }[]
      )[0].status,
      reports: (
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_progress_report WHERE action_id = $1`, [
          a.id,
        ])) as { n: number }[]
      )[0].n,
    });
    // Kenya's focal point may not close Uganda's follow-up: the completion is refused, nothing written.
    const refused = await t.gql(reportProgress({ actionId: a.id, status: 'DONE' }), { token: kenya.token, lang: 'fr' });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('suivi de réunion') });
    const viaUpdate = await t.gql(updateAction({ actionId: a.id, expectedVersion: a.version, status: 'DONE' }), {
      token: kenya.token,
    });
    expect(errorOf(viaUpdate).code).toBe('CONFLICT');
    expect(await state()).toEqual({ followUp: 'OPEN', action: 'NOT_STARTED', reports: 0 });
    // The secretariat runs the meeting: the action and the follow-up are done together.
    await ok(t.gql(reportProgress({ actionId: a.id, status: 'DONE' }), { token: secretariat.token }));
    expect(await state()).toEqual({ followUp: 'DONE', action: 'DONE', reports: 1 });
  });

  it('another network’s follow-ups and recommendations answer like missing ones', async () => {
    const theirs = await heldMeeting(other);
    const { followUp: foreign } = await followUp(stranger.token, theirs, 'KE');
    const foreignRec = (
      await ok(
        t.gql<{ createRecommendation: { id: string } }>(
          createRecommendation({ networkId: other, source: 'Theirs', issuedOn: '2015-01-01', text: en('Theirs') }),
          { token: stranger.token },
        ),
      )
    ).createRecommendation;
    const plan = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: 'KE',
            title: en('K'),
            periodStart: '2012-01-01',
            periodEnd: '2013-01-01',
          }),
          { token: kenya.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: plan.id, title: en('O') }), {
          token: kenya.token,
        }),
      )
    ).addObjective;
    const a = (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({ objectiveId: o.id, title: en('A'), startsOn: '2012-01-01', dueOn: '2012-06-30' }),
          { token: kenya.token },
        ),
      )
    ).addAction;
    const missing = await t.gql(
      citeActionSource({ actionId: a.id, followUpId: '00000000-0000-4000-8000-000000000000' }),
      {
        token: kenya.token,
        lang: 'fr',
      },
    );
    const hidden = await t.gql(citeActionSource({ actionId: a.id, followUpId: foreign.id }), {
      token: kenya.token,
      lang: 'fr',
    });
    expect(errorOf(hidden)).toEqual(errorOf(missing));
    expect(errorOf(hidden)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['followUpId'] });
    const rec = await t.gql(citeActionSource({ actionId: a.id, recommendationId: foreignRec.id }), {
      token: kenya.token,
    });
    expect(errorOf(rec)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['recommendationId'] });
    // Their secretariat citing on our action, or creating a recommendation in our network: NOT_FOUND.
    expect(
      errorOf(await t.gql(citeActionSource({ actionId: a.id, followUpId: foreign.id }), { token: stranger.token }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      errorOf(
        await t.gql(createRecommendation({ networkId: icglr, source: 'x', issuedOn: '2015-01-01', text: en('x') }), {
          token: stranger.token,
        }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      errorOf(
        await t.gql(
          { query: `query ($id: ID!) { recommendation(id: $id) { id } }`, variables: { id: foreignRec.id } },
          { token: kenya.token },
        ),
      ).code,
    ).toBe('NOT_FOUND');
  });
});
