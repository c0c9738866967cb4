import { insertDirectoryPerson, insertMemberState, insertNetwork, insertOrganisation } from '@enlace/testing';
import { signedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  createCurriculum,
  createTraining,
  curriculumStep,
  EnrolmentData,
  nominate,
  trainingStep,
} from './support/training.operations';

/**
 * Issue 12 item 3: a focal point (or the secretariat) nominates an official who is not in the
 * directory yet, created on the spot through the directory's rules: the address matched only among
 * what the nominator may read (a hidden holder's address never leaks, nor is that person touched),
 * the new official in the network's directory with the state as country; bad input and refusals
 * leave nothing behind.
 */
describe('training: nominating a new person on the spot', () => {
  let t: TestApp;
  let lac: string;
  let secretariat: { token: string };
  let argentina: { token: string };
  let seminar: string;
  let second: string;
  let ministry: string;

  beforeAll(async () => {
    t = await startTestApp();
    lac = (await insertNetwork(t.dataSource, { defaultLanguage: 'es', workingLanguages: ['es', 'pt', 'en'] })).id;
    for (const code of ['AR', 'UY']) await insertMemberState(t.dataSource, { networkId: lac, countryCode: code });
    secretariat = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    argentina = await signedInMember(t, {
      name: 'FP Argentina',
      networkId: lac,
      role: 'FOCAL_POINT',
      memberState: 'AR',
    });
    ministry = (await insertOrganisation(t.dataSource, { names: { es: 'Cancillería argentina' }, countryCode: 'AR' }))
      .id;
    const draft = (
      await ok(
        t.gql<{ createCurriculum: { id: string; version: number } }>(
          createCurriculum({
            networkId: lac,
            title: [{ language: 'es', text: 'Prevención del genocidio' }],
            modules: [{ title: [{ language: 'es', text: 'Marco' }], durationMinutes: 60, required: true }],
          }),
          { token: secretariat.token },
        ),
      )
    ).createCurriculum;
    await ok(t.gql(curriculumStep('publishCurriculum', draft.id, draft.version), { token: secretariat.token }));
    const open = async (start: string) => {
      const created = (
        await ok(
          t.gql<{ createTraining: { id: string; version: number } }>(
            createTraining({
              networkId: lac,
              curriculumVersionId: draft.id,
              format: 'ONLINE',
              start,
              end: start.replace('T09', 'T17'),
              timeZone: 'America/Argentina/Buenos_Aires',
              capacity: 10,
            }),
            { token: secretariat.token },
          ),
        )
      ).createTraining;
      await ok(t.gql(trainingStep('openNominations', created.id, created.version), { token: secretariat.token }));
      return created.id;
    };
    seminar = await open('2027-11-05T09:00');
    second = await open('2028-11-05T09:00');
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const people = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM person`))[0].n);

  const nominateNew = (trainingId: string, newPerson: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    t.gql<{ nominate: EnrolmentData }>(
      {
        ...nominate({ trainingId, personId: '' }),
        variables: { input: { trainingId, newPerson, ...extra } },
      },
      { token: argentina.token, lang: 'es' },
    );

  it('creates the official in the network’s directory and nominates them; the same address is the same person', async () => {
    const first = (
      await ok(
        nominateNew(seminar, {
          name: 'Lucía Gómez',
          email: 'lucia@cancilleria.example',
          organisationId: ministry,
          jobTitle: 'Directora',
        }),
      )
    ).nominate;
    expect(first).toMatchObject({ name: 'Lucía Gómez', memberState: 'AR', status: 'CONFIRMED' });
    const person = (
      await ok(
        t.gql<{
          person: { id: string; country: { code: string }; organisation: { id: string }; preferredLanguage: string };
        }>(
          {
            query: `query ($id: ID!) { person(id: $id) { id country { code } organisation { id } preferredLanguage } }`,
            variables: { id: first.personId },
          },
          { token: secretariat.token },
        ),
      )
    ).person;
    expect(person).toEqual({
      id: first.personId,
      country: { code: 'AR' },
      organisation: { id: ministry },
      preferredLanguage: 'es',
    });
    const roles = await t.dataSource.query(`SELECT role FROM membership WHERE person_id = $1 AND network_id = $2`, [
      first.personId,
      lac,
    ]);
    expect(roles).toEqual([{ role: 'OBSERVER' }]);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'person' AND entity_id = $1`,
      [first.personId],
    );
    expect(audit).toEqual([{ action: 'create' }]);

    const before = await people();
    const again = (await ok(nominateNew(second, { name: 'Lucia Gomez', email: 'LUCIA@cancilleria.example' }))).nominate;
    expect(again.personId).toBe(first.personId);
    expect(await people()).toBe(before);
  });

  it('never matches, reveals or touches a person the nominator may not see', async () => {
    const other = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    const hidden = await insertDirectoryPerson(t.dataSource, {
      name: 'Hidden Official',
      countryCode: 'AR',
      contacts: [{ kind: 'EMAIL', value: 'hidden@example.org', visibility: 'NETWORK' }],
      memberships: [{ networkId: other, role: 'OBSERVER', visibility: 'NETWORK' }],
    });
    const fresh = await nominateNew(seminar, { name: 'Nuevo Funcionario', email: 'nobody-yet@example.org' });
    const shadow = await nominateNew(seminar, { name: 'Otra Persona', email: 'hidden@example.org' });
    // The same answer as for an address nobody holds: a new person, nominated.
    expect(shadow.body.errors).toBeUndefined();
    expect(shadow.body.data!.nominate.personId).not.toBe(hidden.id);
    expect(Object.keys(shadow.body.data!.nominate).sort()).toEqual(Object.keys(fresh.body.data!.nominate).sort());
    expect(shadow.body.data!.nominate.status).toBe(fresh.body.data!.nominate.status);
    const [untouched] = await t.dataSource.query(`SELECT name FROM person WHERE id = $1`, [hidden.id]);
    expect(untouched.name).toBe('Hidden Official');
    expect(await t.dataSource.query(`SELECT 1 FROM enrolment WHERE person_id = $1`, [hidden.id])).toEqual([]);
  });

  it('refuses bad details, another state and another network’s training, leaving nothing behind', async () => {
    const before = await people();
    const badEmail = await nominateNew(seminar, { name: 'Sin Correo', email: 'not-an-address' });
    expect(badEmail.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newPerson.email' }],
    });
    const both = await nominateNew(seminar, { name: 'Dos', email: 'dos@example.org' }, { personId: ministry });
    expect(both.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'newPerson',
          message: 'Indique una persona del directorio o los datos de una persona nueva, no ambos.',
        },
      ],
    });
    const neither = await t.gql(
      { ...nominate({ trainingId: seminar, personId: '' }), variables: { input: { trainingId: seminar } } },
      { token: argentina.token },
    );
    expect(neither.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const otherState = await nominateNew(seminar, { name: 'Uruguayo', email: 'uy@example.org' }, { memberState: 'UY' });
    expect(otherState.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const unknownOrganisation = await nominateNew(seminar, {
      name: 'Sin Ministerio',
      email: 'sin@example.org',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownOrganisation.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newPerson.organisationId' }],
    });
    expect(await people()).toBe(before);

    // Another network's training answers like a missing one, and creates nobody.
    const kenya = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    await insertMemberState(t.dataSource, { networkId: kenya, countryCode: 'KE' });
    const theirs = await signedInMember(t, { name: 'Kenya secretariat', networkId: kenya, role: 'SECRETARIAT' });
    const beforeOther = await people();
    const asOther = await t.gql(
      {
        ...nominate({ trainingId: seminar, personId: '' }),
        variables: {
          input: { trainingId: seminar, memberState: 'AR', newPerson: { name: 'X', email: 'x@example.org' } },
        },
      },
      { token: theirs.token },
    );
    const missing = await t.gql(
      {
        ...nominate({ trainingId: seminar, personId: '' }),
        variables: {
          input: {
            trainingId: '00000000-0000-4000-8000-000000000001',
            memberState: 'AR',
            newPerson: { name: 'X', email: 'x@example.org' },
          },
        },
      },
      { token: theirs.token },
    );
    expect(asOther.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(asOther.body.errors?.[0]?.message).toBe(missing.body.errors?.[0]?.message);
    expect(await people()).toBe(beforeOther);
  });
});
