import { randomUUID } from 'node:crypto';
import { insertDirectoryPerson, insertMemberState, insertNetwork } from '@enlace/testing';
import { signedInMember } from './support/members';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  confirmEnrolment,
  createCurriculum,
  createTraining,
  curriculumById,
  curriculumStep,
  EnrolmentData,
  newCurriculumVersion,
  nominate,
  trainingById,
  trainingStep,
  updateCurriculum,
  withdraw,
} from './support/training.operations';

interface Version {
  id: string;
  curriculumId: string;
  number: number;
  status: string;
  version: number;
  totalMinutes: number;
  basedOn: string | null;
  modules: { position: number; title: { text: string } }[];
}

interface Training {
  id: string;
  status: string;
  version: number;
  seated: number;
  waitlisted: number;
  start: string;
  startsAt: string;
  enrolments?: EnrolmentData[];
}

const MODULES = [
  'Establishing a framework for prevention',
  'Causes and dynamics of genocide and related crimes',
  'Strategies and methodologies for an effective early warning system',
  'Establishing early warning and coordination mechanisms',
  'Developing a regional or national action plan for early warning and early response',
].map((text, i) => ({
  title: [{ language: 'en', text }],
  durationMinutes: 180,
  required: i !== 3,
  materials: ['https://www.un.org/en/genocideprevention/'],
}));

describe('training', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
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
    fields: res.body.errors?.[0]?.extensions.fields,
  });

  async function latinAmerica(countries: string[]) {
    const lac = (await insertNetwork(t.dataSource, { defaultLanguage: 'es', workingLanguages: ['es', 'pt', 'en'] })).id;
    for (const code of countries) await insertMemberState(t.dataSource, { networkId: lac, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    return { lac, secretariat };
  }

  async function published(token: string, networkId: string): Promise<Version> {
    const draft = (
      await ok(
        t.gql<{ createCurriculum: Version }>(
          createCurriculum({
            networkId,
            title: [{ language: 'en', text: 'Early warning and early response' }],
            modules: MODULES,
          }),
          { token },
        ),
      )
    ).createCurriculum;
    return (
      await ok(
        t.gql<{ publishCurriculum: Version }>(curriculumStep('publishCurriculum', draft.id, draft.version), { token }),
      )
    ).publishCurriculum;
  }

  it('versions curricula: a published version never changes, a new one starts from it', async () => {
    const { lac, secretariat } = await latinAmerica(['AR']);
    const v1 = await published(secretariat.token, lac);
    expect(v1).toMatchObject({ number: 1, status: 'PUBLISHED', totalMinutes: 900 });
    expect(v1.modules.map((m) => m.position)).toEqual([1, 2, 3, 4, 5]);

    const edit = await t.gql(updateCurriculum({ versionId: v1.id, expectedVersion: v1.version, modules: [] }), {
      token: secretariat.token,
      lang: 'pt',
    });
    expect(errorOf(edit)).toMatchObject({
      code: 'CONFLICT',
      message: 'Esta versão do currículo está publicada: não pode mais mudar. Crie uma nova versão a partir dela.',
    });

    const v2 = (
      await ok(t.gql<{ newCurriculumVersion: Version }>(newCurriculumVersion(v1.id), { token: secretariat.token }))
    ).newCurriculumVersion;
    expect(v2).toMatchObject({ number: 2, status: 'DRAFT', basedOn: v1.id, curriculumId: v1.curriculumId });
    const twice = await t.gql(newCurriculumVersion(v1.id), { token: secretariat.token });
    expect(errorOf(twice).code).toBe('CONFLICT');
    const edited = (
      await ok(
        t.gql<{ updateCurriculum: Version }>(
          updateCurriculum({ versionId: v2.id, expectedVersion: v2.version, modules: MODULES.slice(0, 2) }),
          { token: secretariat.token },
        ),
      )
    ).updateCurriculum;
    expect(edited.totalMinutes).toBe(360);
    // Version 1 is as it was published.
    expect(
      (await ok(t.gql<{ curriculum: Version }>(curriculumById(v1.id), { token: secretariat.token }))).curriculum
        .totalMinutes,
    ).toBe(900);
    // A draft is the secretariat's own: a member of the network does not see it; a published version is public.
    const member = await signedInMember(t, { name: 'Member', networkId: lac, role: 'OBSERVER' });
    expect(errorOf(await t.gql(curriculumById(v2.id), { token: member.token })).code).toBe('NOT_FOUND');
    expect((await t.gql(curriculumById(v1.id))).body.errors).toBeUndefined();
    const bad = await t.gql(
      createCurriculum({
        networkId: lac,
        title: [],
        modules: [{ title: [{ language: 'en', text: 'x' }], durationMinutes: 0, materials: ['ftp://x'] }],
      }),
      { token: secretariat.token },
    );
    expect(errorOf(bad).fields?.map((f) => f.field)).toEqual([
      'title',
      'modules.0.durationMinutes',
      'modules.0.materials.0',
    ]);
  });

  it('seats 30 simultaneous nominations for 20 places with quotas of 2 per country exactly, and a withdrawal promotes the right person', async () => {
    const countries = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'EC', 'GT', 'MX', 'PE'];
    const { lac, secretariat } = await latinAmerica(countries);
    const curriculum = await published(secretariat.token, lac);
    const draft = (
      await ok(
        t.gql<{ createTraining: Training }>(
          createTraining({
            networkId: lac,
            curriculumVersionId: curriculum.id,
            format: 'IN_PERSON',
            places: ['Buenos Aires, Argentina', 'Montevideo, Uruguay'],
            start: '2012-11-05T09:00',
            end: '2012-11-09T17:00',
            timeZone: 'America/Argentina/Buenos_Aires',
            languages: ['es'],
            capacity: 20,
            quotas: countries.map((countryCode) => ({ countryCode, seats: 2 })),
          }),
          { token: secretariat.token },
        ),
      )
    ).createTraining;
    expect(draft).toMatchObject({ status: 'DRAFT', start: '2012-11-05T09:00', startsAt: '2012-11-05T12:00:00.000Z' });
    const open = (
      await ok(
        t.gql<{ openNominations: Training }>(trainingStep('openNominations', draft.id, draft.version), {
          token: secretariat.token,
        }),
      )
    ).openNominations;

    // Three officials per country, nominated all at once by their focal points.
    const officials: { id: string; country: string; token: string }[] = [];
    for (const country of countries) {
      const fp = await signedInMember(t, {
        name: `FP ${country}`,
        networkId: lac,
        role: 'FOCAL_POINT',
        memberState: country,
      });
      for (let i = 0; i < 3; i++) {
        const person = await insertDirectoryPerson(t.dataSource, {
          name: `Official ${country} ${i}`,
          countryCode: country,
          memberships: [{ networkId: lac, role: 'OBSERVER', visibility: 'NETWORK' }],
        });
        officials.push({ id: person.id, country, token: fp.token });
      }
    }
    const results = await Promise.all(
      officials.map((o) =>
        t.gql<{ nominate: EnrolmentData }>(nominate({ trainingId: open.id, personId: o.id }), { token: o.token }),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const enrolments = results.map((r) => r.body.data!.nominate);
    const confirmed = enrolments.filter((e) => e.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(20);
    expect(enrolments.filter((e) => e.status === 'WAITLISTED')).toHaveLength(10);
    for (const country of countries) {
      const ofCountry = enrolments.filter((e) => e.memberState === country).sort((a, b) => a.position - b.position);
      // The first two nominated of each country hold its two seats; the third waits.
      expect(ofCountry.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    }
    const training = (await ok(t.gql<{ training: Training }>(trainingById(open.id), { token: secretariat.token })))
      .training;
    expect(training).toMatchObject({ seated: 20, waitlisted: 10 });

    // Peru's focal point withdraws one of Peru's confirmed officials: Peru's waitlisted official takes the seat.
    const peru = enrolments.filter((e) => e.memberState === 'PE').sort((a, b) => a.position - b.position);
    const peruToken = officials.find((o) => o.country === 'PE')!.token;
    expect(
      (await ok(t.gql<{ withdraw: EnrolmentData }>(withdraw(peru[0].id), { token: peruToken }))).withdraw.status,
    ).toBe('WITHDRAWN');
    const after = (await ok(t.gql<{ training: Training }>(trainingById(open.id), { token: secretariat.token })))
      .training;
    expect(after.enrolments!.find((e) => e.id === peru[2].id)!.status).toBe('CONFIRMED');
    expect(after).toMatchObject({ seated: 20, waitlisted: 9 });
    // Brazil's focal point may not withdraw Peru's officials, and sees only Brazil's nominations.
    const brazil = officials.find((o) => o.country === 'BR')!.token;
    expect(errorOf(await t.gql(withdraw(peru[1].id), { token: brazil })).code).toBe('NOT_FOUND');
    const seenByBrazil = (await ok(t.gql<{ training: Training }>(trainingById(open.id), { token: brazil }))).training;
    expect(new Set(seenByBrazil.enrolments!.map((e) => e.memberState))).toEqual(new Set(['BR']));
    // Nominating for another state, or someone of another country, is refused with the reason.
    const otherState = await t.gql(nominate({ trainingId: open.id, personId: officials[0].id, memberState: 'AR' }), {
      token: brazil,
    });
    expect(errorOf(otherState).code).toBe('FORBIDDEN');
    const wrongCountry = await t.gql(nominate({ trainingId: open.id, personId: officials[0].id }), {
      token: brazil,
      lang: 'es',
    });
    expect(errorOf(wrongCountry).fields).toEqual([
      {
        field: 'personId',
        message: 'Esta persona es de otro país (AR): nomine a funcionarios del Estado miembro indicado.',
      },
    ]);
  });

  it('tells the nominee where they stand, and answers another network’s ids like missing ones', async () => {
    const { lac, secretariat } = await latinAmerica(['UY']);
    const curriculum = await published(secretariat.token, lac);
    const created = (
      await ok(
        t.gql<{ createTraining: Training }>(
          createTraining({
            networkId: lac,
            curriculumVersionId: curriculum.id,
            format: 'ONLINE',
            start: '2027-02-01T10:00',
            end: '2027-02-01T13:00',
            timeZone: 'America/Montevideo',
            capacity: 1,
            enrolmentDeadline: '2027-01-20',
          }),
          { token: secretariat.token },
        ),
      )
    ).createTraining;
    const open = (
      await ok(
        t.gql<{ openNominations: Training }>(trainingStep('openNominations', created.id, created.version), {
          token: secretariat.token,
        }),
      )
    ).openNominations;
    const first = await signedInMember(t, {
      name: 'Primera',
      networkId: lac,
      role: 'OBSERVER',
      preferredLanguage: 'pt',
    });
    const second = await signedInMember(t, { name: 'Segunda', networkId: lac, role: 'OBSERVER' });
    const a = (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(
          nominate({ trainingId: open.id, personId: first.personId, memberState: 'UY' }),
          { token: secretariat.token },
        ),
      )
    ).nominate;
    const b = (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(
          nominate({ trainingId: open.id, personId: second.personId, memberState: 'UY' }),
          { token: secretariat.token },
        ),
      )
    ).nominate;
    expect([a.status, b.status]).toEqual(['CONFIRMED', 'WAITLISTED']);
    const heard = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: first.token }),
    );
    expect(heard.myNotifications.edges[0].node).toMatchObject({ kind: 'trainingConfirmed', language: 'pt' });
    expect(heard.myNotifications.edges[0].node.title).toBe(
      'Sua vaga está confirmada: Early warning and early response',
    );
    // The nominee withdraws herself: the waitlisted one is promoted and told.
    await ok(t.gql(withdraw(a.id), { token: first.token }));
    const promoted = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: second.token }),
    );
    expect(promoted.myNotifications.edges.map((e) => e.node.kind)).toEqual(['trainingPromoted', 'trainingWaitlisted']);

    const other = (await insertNetwork(t.dataSource)).id;
    const outsider = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });
    const missing = randomUUID();
    const pairs = [
      [trainingById(open.id), trainingById(missing)],
      [
        trainingStep('closeNominations', open.id, open.version),
        trainingStep('closeNominations', missing, open.version),
      ],
      [
        nominate({ trainingId: open.id, personId: outsider.personId, memberState: 'UY' }),
        nominate({ trainingId: missing, personId: outsider.personId, memberState: 'UY' }),
      ],
      [withdraw(b.id), withdraw(missing)],
      [
        createTraining({
          networkId: lac,
          curriculumVersionId: curriculum.id,
          format: 'ONLINE',
          start: '2027-02-01T10:00',
          end: '2027-02-01T13:00',
          timeZone: 'UTC',
          capacity: 5,
        }),
        createTraining({
          networkId: missing,
          curriculumVersionId: curriculum.id,
          format: 'ONLINE',
          start: '2027-02-01T10:00',
          end: '2027-02-01T13:00',
          timeZone: 'UTC',
          capacity: 5,
        }),
      ],
      [
        createCurriculum({ networkId: lac, title: [{ language: 'en', text: 'x' }] }),
        createCurriculum({ networkId: missing, title: [{ language: 'en', text: 'x' }] }),
      ],
    ] as const;
    for (const [hidden, none] of pairs) {
      expect(errorOf(await t.gql(hidden, { token: outsider.token }))).toEqual(
        errorOf(await t.gql(none, { token: outsider.token })),
      );
    }
    expect(errorOf(await t.gql(confirmEnrolment(b.id), { token: outsider.token }))).toEqual(
      errorOf(await t.gql(confirmEnrolment(missing), { token: outsider.token })),
    );
    const unchanged = (await ok(t.gql<{ training: Training }>(trainingById(open.id), { token: secretariat.token })))
      .training;
    expect(unchanged).toMatchObject({ status: 'OPEN', seated: 1, waitlisted: 0 });
    // The seat is taken again: a third nomination waits, and the secretariat may not confirm it past capacity.
    const third = await signedInMember(t, { name: 'Tercera', networkId: lac, role: 'OBSERVER' });
    const c = (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(
          nominate({ trainingId: open.id, personId: third.personId, memberState: 'UY' }),
          {
            token: secretariat.token,
          },
        ),
      )
    ).nominate;
    expect(c.status).toBe('WAITLISTED');
    const full = await t.gql(confirmEnrolment(c.id), { token: secretariat.token, lang: 'fr' });
    expect(errorOf(full)).toMatchObject({ code: 'CONFLICT', message: 'La formation est complète (1 place).' });
    // Withdrawn by the secretariat (not by herself): the nominee hears of it.
    await ok(t.gql(withdraw(c.id), { token: secretariat.token }));
    const toldThird = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: third.token }),
    );
    expect(toldThird.myNotifications.edges.map((e) => e.node.kind)).toEqual([
      'trainingWithdrawn',
      'trainingWaitlisted',
    ]);

    // Above a quota: only the secretariat confirms a waitlisted nomination, while a seat is free.
    const withQuota = (
      await ok(
        t.gql<{ createTraining: Training }>(
          createTraining({
            networkId: lac,
            curriculumVersionId: curriculum.id,
            format: 'ONLINE',
            start: '2027-03-01T10:00',
            end: '2027-03-01T13:00',
            timeZone: 'America/Montevideo',
            capacity: 3,
            quotas: [{ countryCode: 'UY', seats: 1 }],
          }),
          { token: secretariat.token },
        ),
      )
    ).createTraining;
    const opened = (
      await ok(
        t.gql<{ openNominations: Training }>(trainingStep('openNominations', withQuota.id, withQuota.version), {
          token: secretariat.token,
        }),
      )
    ).openNominations;
    const focalPoint = await signedInMember(t, {
      name: 'FP UY',
      networkId: lac,
      role: 'FOCAL_POINT',
      memberState: 'UY',
    });
    const firstUy = (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(nominate({ trainingId: opened.id, personId: first.personId }), {
          token: focalPoint.token,
        }),
      )
    ).nominate;
    const secondUy = (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(nominate({ trainingId: opened.id, personId: second.personId }), {
          token: focalPoint.token,
        }),
      )
    ).nominate;
    expect([firstUy.status, secondUy.status]).toEqual(['CONFIRMED', 'WAITLISTED']);
    expect(errorOf(await t.gql(confirmEnrolment(secondUy.id), { token: focalPoint.token })).code).toBe('FORBIDDEN');
    const overridden = (
      await ok(t.gql<{ confirmEnrolment: EnrolmentData }>(confirmEnrolment(secondUy.id), { token: secretariat.token }))
    ).confirmEnrolment;
    expect(overridden.status).toBe('CONFIRMED');
    const again = await t.gql(confirmEnrolment(secondUy.id), { token: secretariat.token });
    expect(errorOf(again).code).toBe('CONFLICT');
    // Cancelled: its nominees hear of it.
    const current = (await ok(t.gql<{ training: Training }>(trainingById(opened.id), { token: secretariat.token })))
      .training;
    await ok(t.gql(trainingStep('cancelTraining', opened.id, current.version), { token: secretariat.token }));
    const toldSecond = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: second.token }),
    );
    expect(toldSecond.myNotifications.edges[0].node.kind).toBe('trainingCancelled');
  });
});
