import { randomUUID } from 'node:crypto';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import {
  ActionData,
  actionPlanById,
  addAction,
  addObjective,
  createActionPlan,
  ObjectiveData,
  PlanData,
  updateAction,
} from './support/action-plans.operations';
import { copyPlanTemplate, publishPlanTemplate } from './support/action-plans-templates.operations';
import { signedInMember, SignedInMember } from './support/members';
import { myNotifications, NotificationData, setNotificationPreference } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

const PLAN_KINDS = ['planActionAssigned', 'planActionUnassigned', 'planCopiedForState'];

/** Decision 0026: who hears of being named on a plan, in their language, per their preferences. */
describe('action plans: who hears of being named on a plan', () => {
  let t: TestApp;
  let icglr: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let kenyaAlternate: SignedInMember;
  let uganda: SignedInMember;
  let observer: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;
  let plan: PlanData;
  let objective: ObjectiveData;
  let committee: ActionData;

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-notices' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const other = (await insertNetwork(t.dataSource, { slug: 'other-notices' })).id;
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, {
      name: 'Kenya FP',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'KE',
      preferredLanguage: 'fr',
    });
    kenyaAlternate = await signedInMember(t, {
      name: 'Kenya alternate',
      networkId: icglr,
      role: 'ALTERNATE_FOCAL_POINT',
      memberState: 'KE',
      preferredLanguage: 'es',
    });
    uganda = await signedInMember(t, { name: 'Uganda FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'UG' });
    observer = await signedInMember(t, {
      name: 'Ministry liaison',
      networkId: icglr,
      role: 'OBSERVER',
      preferredLanguage: 'fr',
    });
    civil = await signedInMember(t, {
      name: 'Civil society member',
      networkId: icglr,
      role: 'CIVIL_SOCIETY',
      preferredLanguage: 'es',
    });
    stranger = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });

    // Kenya's RESTRICTED plan: its country team (and the owners named on its actions) and the secretariat.
    plan = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            memberState: 'KE',
            title: [
              { language: 'en', text: 'Kenya national action plan' },
              { language: 'fr', text: 'Plan national du Kenya' },
              { language: 'es', text: 'Plan nacional de Kenia' },
            ],
            periodStart: '2012-07-01',
            periodEnd: '2015-06-30',
            visibility: 'RESTRICTED',
          }),
          { token: kenya.token },
        ),
      )
    ).createActionPlan;
    objective = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(
          addObjective({ planId: plan.id, title: [{ language: 'en', text: 'Early warning' }] }),
          { token: kenya.token },
        ),
      )
    ).addObjective;
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  /** The plan notices a member holds, newest first. */
  const notices = async (member: SignedInMember) =>
    (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications({ first: 100 }), {
          token: member.token,
        }),
      )
    ).myNotifications.edges
      .map((e) => e.node)
      .filter((n) => PLAN_KINDS.includes(n.kind));

  const committeeTitle = [
    { language: 'en', text: 'Set up the national committee' },
    { language: 'fr', text: 'Créer le comité national' },
    { language: 'es', text: 'Crear el comité nacional' },
  ];

  const addActionAs = async (member: SignedInMember, input: Record<string, unknown>) =>
    (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({
            objectiveId: objective.id,
            title: committeeTitle,
            startsOn: '2012-08-01',
            dueOn: '2013-06-30',
            ...input,
          }),
          { token: member.token },
        ),
      )
    ).addAction;

  const updateActionAs = async (member: SignedInMember, input: Record<string, unknown>) => {
    const updated = (
      await ok(
        t.gql<{ updateAction: ActionData }>(
          updateAction({ actionId: committee.id, expectedVersion: committee.version, ...input }),
          { token: member.token },
        ),
      )
    ).updateAction;
    committee = updated;
    return updated;
  };

  it('the person named responsible hears of it, in their language, by e-mail too; the actor does not', async () => {
    committee = await addActionAs(kenya, { responsiblePersonId: observer.personId });
    const [assigned] = await notices(observer);
    expect(assigned).toMatchObject({
      kind: 'planActionAssigned',
      subjectType: 'plan_action',
      subjectId: committee.id,
      networkId: icglr,
      language: 'fr',
      delivery: 'EMAIL',
      title: 'Vous êtes responsable de Créer le comité national',
    });
    expect(assigned.body).toContain('Plan national du Kenya');
    expect(assigned.body).toContain('30 juin 2013');
    const emails = (await t.dataSource.query(
      `SELECT language, params->>'kind' AS kind FROM email_outbox WHERE params->>'notificationId' = $1`,
      [assigned.id],
    )) as { language: string; kind: string }[];
    expect(emails).toEqual([{ language: 'fr', kind: 'planActionAssigned' }]);
    // Named, they joined the country team: they read the RESTRICTED plan now.
    expect((await t.gql(actionPlanById(plan.id), { token: observer.token })).body.errors).toBeUndefined();

    // Nobody else hears of it, and naming oneself tells nobody.
    for (const who of [kenya, kenyaAlternate, secretariat, civil]) expect(await notices(who)).toEqual([]);
    await addActionAs(kenya, { responsiblePersonId: kenya.personId });
    expect(await notices(kenya)).toEqual([]);
  });

  it('a replaced owner hears they no longer are; the new one hears they are; a removal too', async () => {
    await updateActionAs(secretariat, { responsiblePersonId: civil.personId });
    const [toCivil] = await notices(civil);
    expect(toCivil).toMatchObject({
      kind: 'planActionAssigned',
      subjectId: committee.id,
      language: 'es',
      title: 'Usted es responsable de Crear el comité nacional',
    });
    expect(toCivil.body).toContain('Plan nacional de Kenia');
    const [toObserver] = await notices(observer);
    expect(toObserver).toMatchObject({
      kind: 'planActionUnassigned',
      subjectId: committee.id,
      title: 'Vous n’êtes plus responsable de Créer le comité national',
    });
    // The notice names neither who made the change nor who took over.
    expect(toObserver.body).not.toContain('Civil society member');
    expect(toObserver.body).not.toContain('ICGLR Secretariat');
    // No longer named, the observer no longer reads the RESTRICTED plan.
    expect((await t.gql(actionPlanById(plan.id), { token: observer.token })).body.errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );

    // Renamed later: whoever still reads the plan sees today's title; the observer keeps what they were told.
    await updateActionAs(kenya, {
      title: [
        { language: 'fr', text: 'Installer le comité national' },
        { language: 'es', text: 'Instalar el comité nacional' },
      ],
    });
    expect((await notices(civil))[0].title).toBe('Usted es responsable de Instalar el comité nacional');
    expect((await notices(observer))[0].title).toBe('Vous n’êtes plus responsable de Créer le comité national');

    // A change that names nobody new tells nobody.
    await updateActionAs(kenya, { progress: 30, status: 'IN_PROGRESS' });
    expect(await notices(civil)).toHaveLength(1);

    // Removed without a successor.
    await updateActionAs(kenya, { responsiblePersonId: null });
    const [removed] = await notices(civil);
    expect(removed).toMatchObject({ kind: 'planActionUnassigned', language: 'es' });
    expect(removed.title).toBe('Ya no es responsable de Instalar el comité nacional');
  });

  it('a kind turned off sends nothing, in the app or by e-mail; the other kinds still arrive', async () => {
    await ok(t.gql(setNotificationPreference('planActionAssigned', 'OFF'), { token: observer.token }));
    const before = (await notices(observer)).length;
    const emailsBefore = await outboxCount();
    await updateActionAs(kenya, { responsiblePersonId: observer.personId });
    expect(await notices(observer)).toHaveLength(before);
    expect(await outboxCount()).toBe(emailsBefore);
    await updateActionAs(kenya, { responsiblePersonId: civil.personId });
    expect((await notices(observer))[0]).toMatchObject({ kind: 'planActionUnassigned' });
  });

  async function outboxCount(): Promise<number> {
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM email_outbox`)) as { n: number }[];
    return n;
  }

  it('another network’s person named responsible is NOT_FOUND, like nobody, and hears nothing', async () => {
    const actionsBefore = await actionCount();
    const named = (personId: string) =>
      t.gql(
        addAction({
          objectiveId: objective.id,
          title: committeeTitle,
          startsOn: '2012-08-01',
          dueOn: '2013-06-30',
          responsiblePersonId: personId,
        }),
        { token: kenya.token },
      );
    const foreign = (await named(stranger.personId)).body.errors?.[0];
    const nobody = (await named(randomUUID())).body.errors?.[0];
    expect(foreign?.extensions.code).toBe('NOT_FOUND');
    expect([foreign?.extensions.code, foreign?.message]).toEqual([nobody?.extensions.code, nobody?.message]);
    const reassigned = await t.gql(
      updateAction({
        actionId: committee.id,
        expectedVersion: committee.version,
        responsiblePersonId: stranger.personId,
      }),
      { token: kenya.token },
    );
    expect(reassigned.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    // Another network's secretariat naming themself on this action finds no action.
    const theirs = await t.gql(
      updateAction({
        actionId: committee.id,
        expectedVersion: committee.version,
        responsiblePersonId: stranger.personId,
      }),
      { token: stranger.token },
    );
    expect(theirs.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await notices(stranger)).toEqual([]);
    expect(await actionCount()).toBe(actionsBefore);
  });

  async function actionCount(): Promise<number> {
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_action WHERE plan_id = $1`, [
      plan.id,
    ])) as { n: number }[];
    return n;
  }

  it('a plan copied for a state: its focal point and alternate hear of it, each in their language, not the copier', async () => {
    const regional = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({
            networkId: icglr,
            title: [
              { language: 'en', text: 'Early warning and early response' },
              { language: 'fr', text: 'Alerte précoce et réaction rapide' },
            ],
            periodStart: '2012-07-01',
            periodEnd: '2015-06-30',
          }),
          { token: secretariat.token },
        ),
      )
    ).createActionPlan;
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(
          addObjective({ planId: regional.id, title: [{ language: 'en', text: 'Early warning' }] }),
          { token: secretariat.token },
        ),
      )
    ).addObjective;
    await ok(
      t.gql(addAction({ objectiveId: o.id, title: committeeTitle, startsOn: '2012-08-01', dueOn: '2013-06-30' }), {
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
    const copy = async (member: SignedInMember) =>
      (
        await ok(
          t.gql<{ copyPlanTemplate: PlanData }>(
            copyPlanTemplate({
              templateVersionId: template.id,
              memberState: 'KE',
              periodStart: '2016-01-01',
              periodEnd: '2018-12-31',
            }),
            { token: member.token },
          ),
        )
      ).copyPlanTemplate;

    const kenyaBefore = (await notices(kenya)).length;
    const bySecretariat = await copy(secretariat);
    const [toKenya] = await notices(kenya);
    expect(toKenya).toMatchObject({
      kind: 'planCopiedForState',
      subjectType: 'action_plan',
      subjectId: bySecretariat.id,
      networkId: icglr,
      language: 'fr',
      title: 'Nouveau projet de plan pour Kenya : Alerte précoce et réaction rapide',
    });
    expect(toKenya.body).toContain('du 1er janvier 2016 au 31 décembre 2018');
    expect(await notices(kenya)).toHaveLength(kenyaBefore + 1);
    const [toAlternate] = await notices(kenyaAlternate);
    expect(toAlternate).toMatchObject({ kind: 'planCopiedForState', subjectId: bySecretariat.id, language: 'es' });
    expect(toAlternate.title).toBe('Nuevo borrador de plan para Kenia: Early warning and early response');
    for (const who of [secretariat, uganda]) expect(await notices(who)).toEqual([]);

    // The focal point copying it themself: only the alternate hears.
    const byKenya = await copy(kenya);
    expect((await notices(kenyaAlternate))[0]).toMatchObject({ kind: 'planCopiedForState', subjectId: byKenya.id });
    expect((await notices(kenya)).filter((n) => n.subjectId === byKenya.id)).toEqual([]);
  });
});
