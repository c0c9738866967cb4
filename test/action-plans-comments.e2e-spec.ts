import { Client } from 'pg';
import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import {
  actionPlanById,
  addAction,
  addObjective,
  createActionPlan,
  ObjectiveData,
  PlanData,
  updateActionPlan,
} from './support/action-plans.operations';
import {
  commentOnPlan,
  CommentData,
  copyPlanTemplate,
  publishPlanTemplate,
} from './support/action-plans-templates.operations';
import { signedInMember, SignedInMember } from './support/members';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

const en = (text: string) => [{ language: 'en', text }];

/** Who may comment on a plan (the matrix's COMMENT_ON_PLAN), and a page of plans read in bounded statements. */
describe('action plans: comments by the matrix, and plan fields batched per request', () => {
  let t: TestApp;
  let icglr: string;
  let admin: SignedInMember;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let kenyaAlternate: SignedInMember;
  let civil: SignedInMember;
  let trainer: SignedInMember;
  let observer: SignedInMember;
  let forumCivil: SignedInMember;
  let forumObserver: SignedInMember;
  let otherCivil: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-comments' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const forum = (await insertNetwork(t.dataSource, { slug: 'forum-comments', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    const other = (await insertNetwork(t.dataSource, { slug: 'other-comments', kind: 'CIVIL_SOCIETY' })).id;
    admin = await signedInMember(t, { name: 'Platform admin', isAdmin: true });
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, { name: 'Kenya FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'KE' });
    kenyaAlternate = await signedInMember(t, {
      name: 'Kenya alternate',
      networkId: icglr,
      role: 'ALTERNATE_FOCAL_POINT',
      memberState: 'KE',
    });
    civil = await signedInMember(t, { name: 'ICGLR civil society', networkId: icglr, role: 'CIVIL_SOCIETY' });
    trainer = await signedInMember(t, { name: 'ICGLR trainer', networkId: icglr, role: 'TRAINER' });
    observer = await signedInMember(t, { name: 'UN observer', networkId: icglr, role: 'OBSERVER' });
    forumCivil = await signedInMember(t, { name: 'Forum member', networkId: forum, role: 'CIVIL_SOCIETY' });
    forumObserver = await signedInMember(t, { name: 'Forum observer', networkId: forum, role: 'OBSERVER' });
    otherCivil = await signedInMember(t, { name: 'Unrelated forum member', networkId: other, role: 'CIVIL_SOCIETY' });
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  /** An active plan of Kenya's at `visibility`. */
  async function activePlan(visibility: string, title: string): Promise<PlanData> {
    const p = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: 'KE',
            title: en(title),
            periodStart: '2012-07-01',
            periodEnd: '2015-06-30',
            visibility,
          }),
          { token: kenya.token },
        ),
      )
    ).createActionPlan;
    return (
      await ok(
        t.gql<{ updateActionPlan: PlanData }>(
          updateActionPlan({ planId: p.id, expectedVersion: p.version, status: 'ACTIVE' }),
          { token: kenya.token },
        ),
      )
    ).updateActionPlan;
  }

  const commentAs = (member: SignedInMember, planId: string, lang = 'en') =>
    t.gql<{ commentOnPlan: CommentData }>(commentOnPlan({ planId, body: `A comment by ${member.email}` }), {
      token: member.token,
      lang,
    });

  const codeOf = async (res: Promise<GraphqlResponse>) => (await res).body.errors?.[0]?.extensions.code;

  const commentsOn = async (planId: string) => {
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_comment WHERE plan_id = $1`, [
      planId,
    ])) as { n: number }[];
    return n;
  };

  it('a PARTNERS plan: commented on by the roles the matrix lets comment, here and in the partner forum', async () => {
    const shared = await activePlan('PARTNERS', 'Shared plan');
    for (const who of [admin, secretariat, kenya, kenyaAlternate, civil, forumCivil]) {
      expect({ who: who.email, code: await codeOf(commentAs(who, shared.id)) }).toEqual({
        who: who.email,
        code: undefined,
      });
    }
    // Readers whose role may not comment: FORBIDDEN, in their language, and nothing written.
    for (const who of [trainer, observer, forumObserver]) {
      expect((await t.gql(actionPlanById(shared.id), { token: who.token })).body.errors).toBeUndefined();
      const refused = (await commentAs(who, shared.id, 'es')).body.errors?.[0];
      expect({ who: who.email, code: refused?.extensions.code }).toEqual({ who: who.email, code: 'FORBIDDEN' });
      expect(refused?.message).toBe(
        'Puede leer este plan pero no comentarlo: su función en la red no incluye comentar planes.',
      );
    }
    expect((await commentAs(observer, shared.id, 'fr')).body.errors?.[0]?.message).toContain(
      'Vous pouvez lire ce plan mais pas le commenter',
    );
    // A forum that is not a partner cannot see the plan at all: NOT_FOUND, as for a plan that does not exist.
    expect(await codeOf(commentAs(otherCivil, shared.id))).toBe('NOT_FOUND');
    expect(await commentsOn(shared.id)).toBe(6);
  });

  it('a NETWORK plan is not shared: the partner forum’s member finds nothing; the network’s own comment', async () => {
    const internal = await activePlan('NETWORK', 'Internal plan');
    expect(await codeOf(commentAs(forumCivil, internal.id))).toBe('NOT_FOUND');
    expect(await codeOf(commentAs(otherCivil, internal.id))).toBe('NOT_FOUND');
    expect(await codeOf(commentAs(civil, internal.id))).toBeUndefined();
    expect(await codeOf(commentAs(trainer, internal.id))).toBe('FORBIDDEN');
    expect(await commentsOn(internal.id)).toBe(1);
  });

  it('a PUBLIC plan is read by anyone, commented on by its network and its partners only', async () => {
    const open = await activePlan('PUBLIC', 'Public plan');
    expect((await t.gql(actionPlanById(open.id), { token: otherCivil.token })).body.errors).toBeUndefined();
    expect(await codeOf(commentAs(otherCivil, open.id))).toBe('FORBIDDEN');
    expect(await codeOf(commentAs(forumCivil, open.id))).toBeUndefined();
    expect(await codeOf(t.gql(commentOnPlan({ planId: open.id, body: 'Anonymous' })))).toBe('UNAUTHENTICATED');
    expect(await commentsOn(open.id)).toBe(1);
  });

  it('a page of 5 plans reads its templates, comments and comment counts in as many statements as a page of 1', async () => {
    // A template, copied five times for Kenya and shared with the partner forum.
    const regional = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            title: en('Template source'),
            periodStart: '2012-01-01',
            periodEnd: '2012-12-31',
          }),
          { token: secretariat.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: regional.id, title: en('O') }), {
          token: secretariat.token,
        }),
      )
    ).addObjective;
    await ok(
      t.gql(addAction({ objectiveId: o.id, title: en('A'), startsOn: '2012-01-01', dueOn: '2012-06-30' }), {
        token: secretariat.token,
      }),
    );
    const template = (
      await ok(
        t.gql<{ publishPlanTemplate: { id: string } }>(publishPlanTemplate({ planId: regional.id }), {
          token: secretariat.token,
        }),
      )
    ).publishPlanTemplate;
    const copies: PlanData[] = [];
    for (let year = 2020; year < 2025; year++) {
      const copy = (
        await ok(
          t.gql<{ copyPlanTemplate: PlanData }>(
            copyPlanTemplate({
              templateVersionId: template.id,
              memberState: 'UG',
              periodStart: `${year}-01-01`,
              periodEnd: `${year}-12-31`,
              visibility: 'PARTNERS',
            }),
            { token: secretariat.token },
          ),
        )
      ).copyPlanTemplate;
      copies.push(
        (
          await ok(
            t.gql<{ updateActionPlan: PlanData }>(
              updateActionPlan({ planId: copy.id, expectedVersion: copy.version, status: 'ACTIVE' }),
              { token: secretariat.token },
            ),
          )
        ).updateActionPlan,
      );
    }
    // Plan i has i comments.
    await t.dataSource.query(
      `INSERT INTO plan_comment (plan_id, author_id, body, created_at)
       SELECT p.id, $2, 'Comment ' || n, timestamptz '2024-01-01' + n * interval '1 minute'
         FROM unnest(CAST($1 AS uuid[])) WITH ORDINALITY AS p(id, i), generate_series(1, 5) AS n
        WHERE n <= p.i`,
      [copies.map((c) => c.id), secretariat.personId],
    );

    type Page = {
      actionPlans: {
        edges: {
          node: {
            id: string;
            template: { id: string } | null;
            commentCount: number;
            comments: { body: string }[];
          };
        }[];
      };
    };
    const page = (first: number): Operation => ({
      query: `query ($networkId: ID, $first: Int) { actionPlans(networkId: $networkId, memberState: "UG", first: $first) {
        edges { node { id template { id version } commentCount comments { body } } } } }`,
      variables: { networkId: icglr, first },
    });
    async function count(operation: Operation, token: string): Promise<{ statements: number; data: Page }> {
      let statements = 0;
      const original = Client.prototype.query;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        statements += 1;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const data = await ok(t.gql<Page>(operation, { token }));
        return { statements, data };
      } finally {
        Client.prototype.query = original;
      }
    }
    const one = await count(page(1), secretariat.token);
    const five = await count(page(5), secretariat.token);
    expect(one.data.actionPlans.edges).toHaveLength(1);
    expect(five.data.actionPlans.edges).toHaveLength(5);
    expect(five.statements).toBe(one.statements);
    const byId = new Map(copies.map((c, i) => [c.id, i + 1]));
    for (const { node } of five.data.actionPlans.edges) {
      const n = byId.get(node.id) as number;
      expect(node.template?.id).toBe(template.id);
      expect(node.commentCount).toBe(n);
      expect(node.comments.map((c) => c.body)).toEqual(Array.from({ length: n }, (_, k) => `Comment ${k + 1}`));
    }
    // Visibility kept: the forum member reads the shared plans but not the network's template.
    const forum = await count(page(5), forumCivil.token);
    expect(forum.data.actionPlans.edges).toHaveLength(5);
    expect(forum.data.actionPlans.edges.map((e) => e.node.template)).toEqual([null, null, null, null, null]);
    expect(forum.statements).toBe(one.statements);
  });
});
