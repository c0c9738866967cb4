import { Client } from 'pg';
import { insertDirectoryPerson, insertMemberState, insertNetwork, insertOrganisation } from '@enlace/testing';
import { signedInMember } from './support/members';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';
import {
  addTrainingSession,
  completeTraining,
  recordTrainingAttendance,
} from './support/training-attendance.operations';
import {
  createCurriculum,
  createTraining,
  curriculumStep,
  EnrolmentData,
  newCurriculumVersion,
  nominate,
  trainingReport,
  trainingStep,
} from './support/training.operations';

interface Group {
  key: string | null;
  label: string;
  officials: number;
  trainings: number;
}

interface Report {
  officials: number;
  trainings: number;
  byCountry: Group[];
  byNetwork: Group[];
  byOrganisation: Group[];
  byYear: Group[];
  byCycle: Group[];
  trainedMoreThanOnce: {
    personId: string;
    name: string;
    memberStates: string[];
    organisation: string | null;
    cycles: number;
    trainings: { year: number; cycle: string; status: string }[];
  }[];
  untrainedMemberStates: { networkId: string; countryCode: string; country: string; network: string }[];
}

const MODULES = ['Establishing a framework for prevention', 'Causes and dynamics of genocide'].map((text) => ({
  title: [{ language: 'en', text }],
  durationMinutes: 180,
  required: true,
}));

/**
 * Issue 12 item 6: the alumni report across two curriculum cycles, per country, network, ministry,
 * year and cycle, who was trained twice, which member states have no trained official yet; counts
 * only what the caller may see; a fixed number of SQL statements; CSV in the requester's language.
 */
describe('training reports', () => {
  let t: TestApp;
  let lac: string;
  let secretariat: { token: string };
  let twice: { id: string };
  let v1: { id: string; curriculumId: string };

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

  async function published(token: string, from?: string): Promise<{ id: string; curriculumId: string }> {
    const draft = from
      ? (
          await ok(
            t.gql<{ newCurriculumVersion: { id: string; version: number } }>(newCurriculumVersion(from), { token }),
          )
        ).newCurriculumVersion
      : (
          await ok(
            t.gql<{ createCurriculum: { id: string; version: number } }>(
              createCurriculum({
                networkId: lac,
                title: [
                  { language: 'en', text: 'Genocide prevention' },
                  { language: 'es', text: 'Prevención del genocidio' },
                ],
                modules: MODULES,
              }),
              { token },
            ),
          )
        ).createCurriculum;
    return (
      await ok(
        t.gql<{ publishCurriculum: { id: string; curriculumId: string } }>(
          curriculumStep('publishCurriculum', draft.id, draft.version),
          { token },
        ),
      )
    ).publishCurriculum;
  }

  /**
   * A training run through the API end to end: created, open, the officials nominated, two sessions
   * (each covering one of the version's two required modules), closed, started, attendance recorded
   * (`PRESENT` at both completes, at one only stays ATTENDED, at none is not trained) and completed.
   */
  async function ran(
    versionId: string,
    start: string,
    end: string,
    officials: { id: string; state: string; present: 0 | 1 | 2 }[],
  ): Promise<string> {
    const token = secretariat.token;
    const draft = (
      await ok(
        t.gql<{ createTraining: { id: string; version: number } }>(
          createTraining({
            networkId: lac,
            curriculumVersionId: versionId,
            format: 'IN_PERSON',
            places: ['Buenos Aires, Argentina'],
            start,
            end,
            timeZone: 'America/Argentina/Buenos_Aires',
            languages: ['es'],
            capacity: 20,
          }),
          { token },
        ),
      )
    ).createTraining;
    const step = async (name: 'openNominations' | 'closeNominations' | 'startTraining', version: number) =>
      (await ok(t.gql<Record<string, { version: number }>>(trainingStep(name, draft.id, version), { token })))[name]
        .version;
    const opened = await step('openNominations', draft.version);
    for (const o of officials) await nominated(draft.id, o.id, o.state);
    const modules = (
      await ok(
        t.gql<{ curriculum: { modules: { id: string }[] } }>(
          { query: 'query ($id: ID!) { curriculum(id: $id) { modules { id } } }', variables: { id: versionId } },
          { token },
        ),
      )
    ).curriculum.modules.map((m) => m.id);
    const day = start.slice(0, 10);
    const sessions: string[] = [];
    for (const [i, [from, to]] of [
      ['09:00', '12:00'],
      ['13:00', '16:00'],
    ].entries()) {
      const added = await ok(
        t.gql<{ addTrainingSession: { id: string } }>(
          addTrainingSession({
            trainingId: draft.id,
            start: `${day}T${from}`,
            end: `${day}T${to}`,
            moduleIds: [modules[i]],
            place: 'Buenos Aires, Argentina',
          }),
          { token },
        ),
      );
      sessions.push(added.addTrainingSession.id);
    }
    const started = await step('startTraining', await step('closeNominations', opened));
    for (const [i, session] of sessions.entries()) {
      const entries = officials.map((o) => ({ personId: o.id, status: o.present > i ? 'PRESENT' : 'ABSENT' }));
      await ok(t.gql(recordTrainingAttendance(session, entries), { token }));
    }
    await ok(t.gql(completeTraining(draft.id, started), { token }));
    return draft.id;
  }

  async function nominated(trainingId: string, personId: string, memberState: string): Promise<EnrolmentData> {
    return (
      await ok(
        t.gql<{ nominate: EnrolmentData }>(nominate({ trainingId, personId, memberState }), {
          token: secretariat.token,
        }),
      )
    ).nominate;
  }

  beforeAll(async () => {
    lac = (
      await insertNetwork(t.dataSource, {
        name: { es: { text: 'Red Latinoamericana', status: 'ORIGINAL' } },
        defaultLanguage: 'es',
        workingLanguages: ['es', 'pt', 'en'],
      })
    ).id;
    for (const code of ['AR', 'UY', 'PY', 'CL'])
      await insertMemberState(t.dataSource, { networkId: lac, countryCode: code });
    secretariat = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    const cancilleria = await insertOrganisation(t.dataSource, {
      names: { es: 'Ministerio de Relaciones Exteriores de Argentina' },
      countryCode: 'AR',
    });
    const uruguay = await insertOrganisation(t.dataSource, {
      names: { es: 'Ministerio de Defensa de Uruguay' },
      countryCode: 'UY',
    });
    const person = (name: string, countryCode: string, organisationId: string) =>
      insertDirectoryPerson(t.dataSource, {
        name,
        countryCode,
        organisationId,
        memberships: [{ networkId: lac, role: 'OBSERVER', visibility: 'NETWORK' }],
      });
    twice = await person('Ana Álvarez', 'AR', cancilleria.id);
    const once = await person('Bruno Benítez', 'AR', cancilleria.id);
    const uy = await person('Carla Cabrera', 'UY', uruguay.id);
    const notYet = await person('Diego Duarte', 'UY', uruguay.id);

    v1 = await published(secretariat.token);
    const v2 = await published(secretariat.token, v1.id);
    // 2012, version 1: Ana completes, Bruno attends one session of two (trained, not completed).
    await ran(v1.id, '2012-11-05T09:00', '2012-11-09T17:00', [
      { id: twice.id, state: 'AR', present: 2 },
      { id: once.id, state: 'AR', present: 1 },
    ]);
    // 2013, version 2: Ana again, Carla; Diego is absent throughout (not trained).
    await ran(v2.id, '2013-11-04T09:00', '2013-11-08T17:00', [
      { id: twice.id, state: 'AR', present: 2 },
      { id: uy.id, state: 'UY', present: 2 },
      { id: notYet.id, state: 'UY', present: 0 },
    ]);
  });

  it('counts officials per country, network, ministry, year and cycle, and names who was trained twice', async () => {
    const report = (
      await ok(
        t.gql<{ trainingReport: Report }>(trainingReport({ networkId: lac }), {
          token: secretariat.token,
          lang: 'es',
        }),
      )
    ).trainingReport;
    expect(report).toMatchObject({ officials: 3, trainings: 2 });
    expect(report.byCountry).toEqual([
      { key: 'AR', label: 'Argentina', officials: 2, trainings: 2 },
      { key: 'UY', label: 'Uruguay', officials: 1, trainings: 1 },
    ]);
    expect(report.byNetwork).toEqual([{ key: lac, label: 'Red Latinoamericana', officials: 3, trainings: 2 }]);
    expect(report.byOrganisation.map((g) => [g.label, g.officials])).toEqual([
      ['Ministerio de Relaciones Exteriores de Argentina', 2],
      ['Ministerio de Defensa de Uruguay', 1],
    ]);
    expect(report.byYear.map((g) => [g.key, g.officials])).toEqual([
      ['2012', 2],
      ['2013', 2],
    ]);
    expect(report.byCycle.map((g) => [g.label, g.officials]).sort()).toEqual([
      ['Prevención del genocidio (versión 1)', 2],
      ['Prevención del genocidio (versión 2)', 2],
    ]);
    expect(report.trainedMoreThanOnce).toEqual([
      expect.objectContaining({
        personId: twice.id,
        name: 'Ana Álvarez',
        memberStates: ['AR'],
        organisation: 'Ministerio de Relaciones Exteriores de Argentina',
        cycles: 2,
      }),
    ]);
    expect(report.trainedMoreThanOnce[0].trainings.map((x) => [x.year, x.cycle, x.status])).toEqual([
      [2012, 'Prevención del genocidio (versión 1)', 'COMPLETED'],
      [2013, 'Prevención del genocidio (versión 2)', 'COMPLETED'],
    ]);
    expect(report.untrainedMemberStates.map((s) => [s.countryCode, s.country])).toEqual([
      ['CL', 'Chile'],
      ['PY', 'Paraguay'],
    ]);

    // One curriculum, one year.
    const only2013 = (
      await ok(
        t.gql<{ trainingReport: Report }>(
          trainingReport({ networkId: lac, curriculumId: v1.curriculumId, fromYear: 2013 }),
          {
            token: secretariat.token,
          },
        ),
      )
    ).trainingReport;
    expect(only2013).toMatchObject({ officials: 2, trainings: 1, trainedMoreThanOnce: [] });
    expect(only2013.untrainedMemberStates.map((s) => s.countryCode)).toEqual(['CL', 'PY']);
  });

  it('never counts what the caller cannot see: a focal point their state, another network nothing', async () => {
    const uruguay = await signedInMember(t, {
      name: 'FP Uruguay',
      networkId: lac,
      role: 'FOCAL_POINT',
      memberState: 'UY',
    });
    const mine = (await ok(t.gql<{ trainingReport: Report }>(trainingReport({}), { token: uruguay.token })))
      .trainingReport;
    expect(mine).toMatchObject({ officials: 1, trainings: 1, trainedMoreThanOnce: [], untrainedMemberStates: [] });
    expect(mine.byCountry.map((g) => g.key)).toEqual(['UY']);
    const paraguay = await signedInMember(t, {
      name: 'FP Paraguay',
      networkId: lac,
      role: 'FOCAL_POINT',
      memberState: 'PY',
    });
    const none = (
      await ok(t.gql<{ trainingReport: Report }>(trainingReport({ networkId: lac }), { token: paraguay.token }))
    ).trainingReport;
    expect(none).toMatchObject({ officials: 0, trainings: 0, byCountry: [], trainedMoreThanOnce: [] });
    expect(none.untrainedMemberStates.map((s) => s.countryCode)).toEqual(['PY']);

    const other = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    await insertMemberState(t.dataSource, { networkId: other, countryCode: 'KE' });
    const outsider = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });
    const theirs = (
      await ok(t.gql<{ trainingReport: Report }>(trainingReport({ networkId: lac }), { token: outsider.token }))
    ).trainingReport;
    expect(theirs).toMatchObject({
      officials: 0,
      trainings: 0,
      byCountry: [],
      byOrganisation: [],
      untrainedMemberStates: [],
    });
    const own = (await ok(t.gql<{ trainingReport: Report }>(trainingReport({}), { token: outsider.token })))
      .trainingReport;
    expect(own).toMatchObject({ officials: 0, trainedMoreThanOnce: [] });
    expect(own.untrainedMemberStates.map((s) => s.countryCode)).toEqual(['KE']);
    // The officials' own view: their own trainings only.
    const anon = await t.gql(trainingReport({ networkId: lac }));
    expect(anon.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad filters with localised field errors', async () => {
    const res = await t.gql(trainingReport({ networkId: 'nope', fromYear: 2014, toYear: 2012 }), {
      token: secretariat.token,
      lang: 'fr',
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'networkId', message: 'Cet identifiant n’est pas valide.' },
        { field: 'toYear', message: 'La dernière année précède la première.' },
      ],
    });
  });

  it('costs the same fixed number of SQL statements however many officials were trained', async () => {
    async function statements(operation: Operation): Promise<number> {
      const original = Client.prototype.query;
      let n = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        n++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const res = await t.gql(operation, { token: secretariat.token });
        expect(res.body.errors).toBeUndefined();
        return n;
      } finally {
        Client.prototype.query = original;
      }
    }
    const before = await statements(trainingReport({ networkId: lac }));
    const more: { id: string; state: string; present: 2 }[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await insertDirectoryPerson(t.dataSource, {
        name: `Official ${i}`,
        countryCode: 'CL',
        memberships: [{ networkId: lac, role: 'OBSERVER', visibility: 'NETWORK' }],
      });
      more.push({ id: p.id, state: 'CL', present: 2 });
    }
    await ran(v1.id, '2014-05-05T09:00', '2014-05-06T17:00', more);
    const after = await statements(trainingReport({ networkId: lac }));
    expect(after).toBe(before);
    // The session lookup, and one statement each for the counts, the alumni and the untrained states.
    expect(before).toBe(4);
  });

  it('exports each view as CSV in the requester’s language, with the bearer token', async () => {
    const get = (query: string, headers: Record<string, string>) =>
      fetch(`${t.url}/training/report.csv?${query}`, { headers });
    const res = await get(`view=country&networkId=${lac}&toYear=2013`, {
      authorization: `Bearer ${secretariat.token}`,
      'accept-language': 'pt',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.split('\n').filter(Boolean)).toEqual([
      'Código do país,Estado-membro,Funcionários capacitados,Capacitações',
      'AR,Argentina,2,2',
      'UY,Uruguai,1,1',
    ]);
    const alumni = await get(`view=alumni&networkId=${lac}&toYear=2013`, {
      authorization: `Bearer ${secretariat.token}`,
      'accept-language': 'es',
    });
    const lines = (await alumni.text()).replace(/^\uFEFF/, '');
    expect(
      lines.startsWith(
        'Nombre,Estado miembro,Ministerio u organización,Capacitaciones,Ciclos,Capacitaciones recibidas\n',
      ),
    ).toBe(true);
    expect(lines).toContain('Ana Álvarez,AR,Ministerio de Relaciones Exteriores de Argentina,2,2,');
    const untrained = await get(`view=untrained&networkId=${lac}&toYear=2013`, {
      authorization: `Bearer ${secretariat.token}`,
      'accept-language': 'fr',
    });
    expect((await untrained.text()).replace(/^\uFEFF/, '').split('\n')[0]).toBe('Réseau,Code pays,État membre');

    const anonymous = await get(`view=country`, {});
    expect(anonymous.status).toBe(401);
    const bad = await get(`view=everything`, { authorization: `Bearer ${secretariat.token}` });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
  });
});
