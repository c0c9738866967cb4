import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import { signedInMember, SignedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  actionPlans,
  addAction,
  addIndicator,
  addObjective,
  createActionPlan,
  ObjectiveData,
  PlanData,
  updateActionPlan,
  updateObjective,
} from './support/action-plans.operations';
import {
  commentOnPlan,
  CommentData,
  copyPlanTemplate,
  planTemplate,
  planTemplates,
  planWithComments,
  publishPlanTemplate,
  TemplateData,
} from './support/action-plans-templates.operations';
import { myNotifications, NotificationData } from './support/notifications.operations';

const en = (text: string) => [{ language: 'en', text }];

interface CopyData extends PlanData {
  template: { id: string; version: number } | null;
  objectives: {
    title: { text: string };
    tags: { key: string }[];
    actions: {
      title: { text: string };
      startsOn: string;
      dueOn: string;
      weight: number;
      status: string;
      responsiblePersonId: string | null;
      indicators: {
        unit: string;
        schedule: { start: string; end: string; everyMonths: number };
        dueDates: { dueOn: string }[];
      }[];
    }[];
  }[];
}

describe('action plan templates and comments', () => {
  let t: TestApp;
  let icglr: string;
  let forum: string;
  let other: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let uganda: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;
  let source: PlanData;
  let firstObjective: ObjectiveData;
  let v1: TemplateData;
  let kenyaCopy: CopyData;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-templates' })).id;
    for (const code of ['KE', 'UG', 'TZ'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    forum = (await insertNetwork(t.dataSource, { slug: 'forum-templates', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    other = (await insertNetwork(t.dataSource, { slug: 'other-templates' })).id;
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

  const errorOf = async (res: Promise<GraphqlResponse>) => {
    const body = (await res).body;
    return {
      code: body.errors?.[0]?.extensions.code,
      fields: body.errors?.[0]?.extensions.fields?.map((f) => f.field),
    };
  };

  const publish = async (token: string, input: Record<string, unknown>) =>
    (await ok(t.gql<{ publishPlanTemplate: TemplateData }>(publishPlanTemplate(input), { token }))).publishPlanTemplate;

  const copy = async (token: string, input: Record<string, unknown>) =>
    (await ok(t.gql<{ copyPlanTemplate: CopyData }>(copyPlanTemplate(input), { token }))).copyPlanTemplate;

  const comment = async (token: string, input: Record<string, unknown>) =>
    (await ok(t.gql<{ commentOnPlan: CommentData }>(commentOnPlan(input), { token }))).commentOnPlan;

  const mentions = async (member: SignedInMember) =>
    (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: member.token }),
      )
    ).myNotifications.edges
      .map((e) => e.node)
      .filter((n) => n.kind === 'planCommentMention');

  const count = async (sql: string, params: unknown[]) =>
    Number(((await t.dataSource.query(sql, params)) as { n: string }[])[0].n);

  it('the secretariat publishes a regional draft as template version 1; nobody else may', async () => {
    source = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            title: [
              { language: 'en', text: 'National action plan for early warning and early response' },
              { language: 'fr', text: 'Plan d’action national d’alerte précoce et de réaction rapide' },
            ],
            periodStart: '2012-07-01',
            periodEnd: '2015-06-30',
          }),
          { token: secretariat.token },
        ),
      )
    ).createActionPlan;
    expect(source.memberState).toBeNull();
    expect(await errorOf(t.gql(publishPlanTemplate({ planId: source.id }), { token: secretariat.token }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['planId'],
    });
    firstObjective = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(
          addObjective({
            planId: source.id,
            title: en('A national early warning system'),
            tags: ['dimension:authority'],
          }),
          { token: secretariat.token },
        ),
      )
    ).addObjective;
    const action = (
      await ok(
        t.gql<{ addAction: { id: string } }>(
          addAction({
            objectiveId: firstObjective.id,
            title: en('Establish the national committee'),
            responsibleOrganisation: 'Ministry of Interior',
            startsOn: '2012-08-01',
            dueOn: '2013-06-30',
            weight: 2,
            tags: ['dimension:nonrecurrence'],
          }),
          { token: secretariat.token },
        ),
      )
    ).addAction;
    await ok(
      t.gql(
        addIndicator({
          actionId: action.id,
          title: en('Early warning reports issued'),
          unit: 'reports',
          baseline: 0,
          target: 12,
          schedule: { start: '2012-07-01', end: '2013-06-30', everyMonths: 3 },
        }),
        { token: secretariat.token },
      ),
    );

    // A regional draft is the secretariat's: hidden from focal points and the forum, unknown to another network.
    for (const who of [kenya, civil, stranger]) {
      expect((await errorOf(t.gql(publishPlanTemplate({ planId: source.id }), { token: who.token }))).code).toBe(
        'NOT_FOUND',
      );
    }
    for (const input of [{}, { planId: source.id, visibility: 'RESTRICTED' }]) {
      expect((await errorOf(t.gql(publishPlanTemplate(input), { token: secretariat.token }))).code).toBe(
        'BAD_USER_INPUT',
      );
    }

    v1 = await publish(secretariat.token, { planId: source.id, visibility: 'PARTNERS' });
    expect(v1).toMatchObject({ networkId: icglr, version: 1, latestVersion: 1, visibility: 'PARTNERS' });
    expect(v1.title.text).toBe('National action plan for early warning and early response');
    expect(v1.objectives).toHaveLength(1);
    expect(v1.objectives[0]).toMatchObject({ tags: ['dimension:authority'] });
    expect(v1.objectives[0].actions[0]).toMatchObject({ weight: 2, startOffset: 31, dueOffset: 364 });
    expect(v1.objectives[0].actions[0].indicators[0]).toMatchObject({ unit: 'reports', everyMonths: 3 });
    // A focal point reads the template but only the secretariat publishes.
    expect(await errorOf(t.gql(publishPlanTemplate({ templateId: v1.id }), { token: kenya.token }))).toEqual({
      code: 'FORBIDDEN',
      fields: undefined,
    });
    expect(
      await count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'plan_template' AND entity_id = $1`, [
        v1.id,
      ]),
    ).toBe(1);
  });

  it('a template is read by the network and its partners (when shared), never by another network', async () => {
    for (const who of [secretariat, kenya, civil]) {
      const list = (
        await ok(t.gql<{ planTemplates: TemplateData[] }>(planTemplates({ networkId: icglr }), { token: who.token }))
      ).planTemplates;
      expect(list.map((x) => x.id)).toEqual([v1.id]);
    }
    expect(
      (
        await ok(
          t.gql<{ planTemplates: TemplateData[] }>(planTemplates({ networkId: icglr }), { token: stranger.token }),
        )
      ).planTemplates,
    ).toEqual([]);
    expect((await errorOf(t.gql(planTemplate(v1.id), { token: stranger.token }))).code).toBe('NOT_FOUND');
    const internal = await publish(secretariat.token, { planId: source.id, title: en('Internal draft template') });
    expect(internal.visibility).toBe('NETWORK');
    expect((await errorOf(t.gql(planTemplate(internal.id), { token: civil.token }))).code).toBe('NOT_FOUND');
    expect((await errorOf(t.gql(planTemplate(internal.id), { token: kenya.token }))).code).toBeUndefined();
  });

  it('a focal point copies a version into their state’s draft, linked to it, with the dates moved to its period', async () => {
    kenyaCopy = await copy(kenya.token, {
      templateVersionId: v1.id,
      memberState: 'ke',
      periodStart: '2016-01-01',
      periodEnd: '2018-12-31',
    });
    expect(kenyaCopy).toMatchObject({
      networkId: icglr,
      memberState: 'KE',
      status: 'DRAFT',
      visibility: 'PARTNERS',
      template: { id: v1.id, version: 1 },
    });
    const [objective] = kenyaCopy.objectives;
    expect(objective.title.text).toBe('A national early warning system');
    expect(objective.tags.map((x) => x.key)).toEqual(['dimension:authority']);
    expect(objective.actions[0]).toMatchObject({
      startsOn: '2016-02-01',
      dueOn: '2016-12-30',
      weight: 2,
      status: 'NOT_STARTED',
      responsiblePersonId: null,
    });
    expect(objective.actions[0].indicators[0].schedule).toEqual({
      start: '2016-01-01',
      end: '2016-12-30',
      everyMonths: 3,
    });
    expect(objective.actions[0].indicators[0].dueDates.map((d) => d.dueOn)).toEqual([
      '2016-04-01',
      '2016-07-01',
      '2016-10-01',
    ]);

    expect(
      (
        await errorOf(
          t.gql(
            copyPlanTemplate({
              templateVersionId: v1.id,
              memberState: 'UG',
              periodStart: '2016-01-01',
              periodEnd: '2018-12-31',
            }),
            { token: kenya.token },
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          t.gql(
            copyPlanTemplate({
              templateVersionId: v1.id,
              memberState: 'KE',
              periodStart: '2016-01-01',
              periodEnd: '2018-12-31',
            }),
            { token: civil.token },
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          t.gql(
            copyPlanTemplate({
              templateVersionId: v1.id,
              memberState: 'KE',
              periodStart: '2016-01-01',
              periodEnd: '2018-12-31',
            }),
            { token: stranger.token },
          ),
        )
      ).code,
    ).toBe('NOT_FOUND');
    const plansBefore = await count(`SELECT count(*) AS n FROM action_plan WHERE network_id = $1`, [icglr]);
    expect(
      await errorOf(
        t.gql(
          copyPlanTemplate({
            templateVersionId: v1.id,
            memberState: 'KE',
            periodStart: '2018-01-01',
            periodEnd: '2016-12-31',
          }),
          {
            token: kenya.token,
          },
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count(`SELECT count(*) AS n FROM action_plan WHERE network_id = $1`, [icglr])).toBe(plansBefore);
  });

  it('publishing again makes version 2; version 1 and the copies made from it do not change', async () => {
    await ok(
      t.gql(
        updateObjective({
          objectiveId: firstObjective.id,
          expectedVersion: firstObjective.version,
          title: en('Revised objective'),
        }),
        { token: secretariat.token },
      ),
    );
    const v2 = await publish(secretariat.token, { templateId: v1.id, planId: source.id });
    expect(v2).toMatchObject({ seriesId: v1.seriesId, version: 2, latestVersion: 2, visibility: 'PARTNERS' });
    expect(v2.objectives[0].title.text).toBe('Revised objective');
    const again = (await ok(t.gql<{ planTemplate: TemplateData }>(planTemplate(v1.id), { token: kenya.token })))
      .planTemplate;
    expect(again).toMatchObject({ version: 1, latestVersion: 2 });
    expect(again.objectives[0].title.text).toBe('A national early warning system');
    const series = (
      await ok(
        t.gql<{ planTemplates: TemplateData[] }>(planTemplates({ seriesId: v1.seriesId, allVersions: true }), {
          token: kenya.token,
        }),
      )
    ).planTemplates;
    expect(series.map((x) => x.version).sort()).toEqual([1, 2]);
    const latest = (
      await ok(
        t.gql<{ planTemplates: TemplateData[] }>(planTemplates({ seriesId: v1.seriesId }), { token: kenya.token }),
      )
    ).planTemplates;
    expect(latest.map((x) => x.version)).toEqual([2]);
    const copyNow = (
      await ok(
        t.gql<{ copyPlanTemplate: never; actionPlan: { objectives: { title: { text: string } }[] } }>(
          {
            query: `query ($id: ID!) { actionPlan(id: $id) { objectives { title { text } } } }`,
            variables: { id: kenyaCopy.id },
          },
          { token: kenya.token },
        ),
      )
    ).actionPlan;
    expect(copyNow.objectives[0].title.text).toBe('A national early warning system');
    // Two publishers at once: consecutive versions, neither refused.
    const both = await Promise.all([
      publish(secretariat.token, { templateId: v1.id, title: en('Parallel A') }),
      publish(secretariat.token, { templateId: v2.id, title: en('Parallel B') }),
    ]);
    expect(both.map((x) => x.version).sort()).toEqual([3, 4]);
    // Another network's publisher cannot version this series.
    expect((await errorOf(t.gql(publishPlanTemplate({ templateId: v1.id }), { token: stranger.token }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('a forum member comments on a shared plan and mentions reach only those who may read it', async () => {
    const active = (
      await ok(
        t.gql<{ updateActionPlan: PlanData }>(
          updateActionPlan({ planId: kenyaCopy.id, expectedVersion: kenyaCopy.version, status: 'ACTIVE' }),
          { token: kenya.token },
        ),
      )
    ).updateActionPlan;
    const actionId = (
      (await ok(
        t.gql<{ actionPlan: { objectives: { id: string; actions: { id: string }[] }[] } }>(
          {
            query: `query ($id: ID!) { actionPlan(id: $id) { objectives { id actions { id } } } }`,
            variables: { id: active.id },
          },
          { token: civil.token },
        ),
      )) as { actionPlan: { objectives: { id: string; actions: { id: string }[] }[] } }
    ).actionPlan.objectives[0].actions[0].id;

    const first = await comment(civil.token, {
      planId: active.id,
      body: `Civil society asks <@${kenya.personId}> and <@${stranger.personId}> to publish the early warning reports.`,
    });
    expect(first).toMatchObject({ planId: active.id, authorName: 'Forum member', objectiveId: null, actionId: null });
    const onAction = await comment(civil.token, { planId: active.id, actionId, body: 'Who sits on the committee?' });
    expect(onAction.actionId).toBe(actionId);

    const [toKenya] = await mentions(kenya);
    expect(toKenya).toMatchObject({ subjectType: 'plan_comment', subjectId: first.id, networkId: icglr });
    expect(toKenya.title).toBe(
      'Forum member mentioned you on National action plan for early warning and early response',
    );
    expect(await mentions(stranger)).toEqual([]);

    const listed = (
      await ok(
        t.gql<{ actionPlan: { commentCount: number; comments: CommentData[] } }>(planWithComments(active.id), {
          token: kenya.token,
        }),
      )
    ).actionPlan;
    expect(listed.commentCount).toBe(2);
    expect(listed.comments.map((c) => c.id)).toEqual([first.id, onAction.id]);

    // Commenting is not editing: the forum member may not change the plan.
    expect(
      (
        await errorOf(
          t.gql(updateActionPlan({ planId: active.id, expectedVersion: active.version, status: 'COMPLETED' }), {
            token: civil.token,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await errorOf(t.gql(addObjective({ planId: active.id, title: en('Our objective') }), { token: civil.token })))
        .code,
    ).toBe('FORBIDDEN');

    // Bad input: a clear error and nothing written.
    expect(await errorOf(t.gql(commentOnPlan({ planId: active.id, body: '   ' }), { token: civil.token }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['body'],
    });
    expect(
      (await errorOf(t.gql(commentOnPlan({ planId: active.id, body: 'x'.repeat(4001) }), { token: civil.token })))
        .fields,
    ).toEqual(['body']);
    expect(
      (
        await errorOf(
          t.gql(commentOnPlan({ planId: active.id, body: 'On another plan', objectiveId: firstObjective.id }), {
            token: kenya.token,
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await errorOf(t.gql(commentOnPlan({ planId: active.id, body: 'From elsewhere' }), { token: stranger.token })))
        .code,
    ).toBe('NOT_FOUND');
    expect(await count(`SELECT count(*) AS n FROM plan_comment WHERE plan_id = $1`, [active.id])).toBe(2);
    // The author's personal-data export holds their comments; the publisher's, the versions they published.
    const exported = (who: SignedInMember) =>
      ok(t.gql<{ myPersonalData: string }>({ query: '{ myPersonalData }' }, { token: who.token })).then(
        (d) => JSON.parse(d.myPersonalData) as Record<string, { commentId?: string; templateId?: string }[]>,
      );
    expect((await exported(civil)).planComments.map((c) => c.commentId)).toEqual([first.id, onAction.id]);
    expect((await exported(secretariat)).planTemplatesPublished.map((x) => x.templateId)).toContain(v1.id);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'plan_comment'`, [])).toBe(2);
  });

  it('a RESTRICTED plan’s comments are out of the forum’s reach: not readable, countable or notifying', async () => {
    const restricted = (
      await ok(
        t.gql<{ copyPlanTemplate: PlanData }>(
          copyPlanTemplate({
            templateVersionId: v1.id,
            memberState: 'UG',
            periodStart: '2016-01-01',
            periodEnd: '2018-12-31',
            visibility: 'RESTRICTED',
          }),
          { token: uganda.token },
        ),
      )
    ).copyPlanTemplate;
    await ok(
      t.gql(updateActionPlan({ planId: restricted.id, expectedVersion: restricted.version, status: 'ACTIVE' }), {
        token: uganda.token,
      }),
    );
    const before = (await mentions(civil)).length;
    await comment(secretariat.token, {
      planId: restricted.id,
      body: `Please review, <@${civil.personId}> and <@${uganda.personId}>.`,
    });
    expect((await mentions(civil)).length).toBe(before);
    expect((await mentions(uganda)).map((n) => n.networkId)).toEqual([icglr]);

    expect(
      (await errorOf(t.gql(commentOnPlan({ planId: restricted.id, body: 'Can I?' }), { token: civil.token }))).code,
    ).toBe('NOT_FOUND');
    expect((await errorOf(t.gql(planWithComments(restricted.id), { token: civil.token }))).code).toBe('NOT_FOUND');
    const seen = (
      await ok(
        t.gql<{ actionPlans: { totalCount: number; edges: { node: PlanData }[] } }>(actionPlans({ networkId: icglr }), {
          token: civil.token,
        }),
      )
    ).actionPlans;
    expect(seen.edges.map((e) => e.node.id)).toEqual([kenyaCopy.id]);
    expect(seen.totalCount).toBe(1);
  });
});
