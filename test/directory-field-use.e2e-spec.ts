import {
  insertAccount,
  insertDirectoryPerson,
  insertMembership,
  insertMemberState,
  insertNetwork,
  insertOrganisation,
  insertSession,
} from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { updateMe } from './support/identity.operations';
import { addMembership, auditLog } from './support/networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

interface Term {
  id: string;
  role: string;
  memberState: string | null;
  startsOn: string;
  endsOn: string | null;
  person: { id: string; name: string };
}

/** Field-use defects of the directory a secretariat hit (issue 14 items 4, 5, 6, 7, 8, 12). */
describe('the directory as a secretariat uses it', () => {
  let t: TestApp;
  let net: string;
  let token: string;

  const code = (res: GraphqlResponse) => res.body.errors?.[0]?.extensions.code ?? 'OK';
  const termsOf = async (personId: string) =>
    (await t.dataSource.query(
      `SELECT role, member_state AS "memberState", starts_on::text AS "startsOn", ends_on::text AS "endsOn"
         FROM membership WHERE person_id = $1 AND network_id = $2 ORDER BY starts_on, role`,
      [personId, net],
    )) as Omit<Term, 'id' | 'person'>[];
  const inDirectory = async (name: string) =>
    (await insertDirectoryPerson(t.dataSource, { name, memberships: [{ networkId: net, role: 'OBSERVER' }] })).id;

  beforeAll(async () => {
    t = await startTestApp();
    net = (await insertNetwork(t.dataSource, { slug: 'red-latinoamericana', defaultLanguage: 'es' })).id;
    for (const countryCode of ['PY', 'UY', 'BO'])
      await insertMemberState(t.dataSource, { networkId: net, countryCode });
    token = (await signedInMember(t, { name: 'Sara', networkId: net, role: 'SECRETARIAT' })).token;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('one person holds one seat of a member state', () => {
    it('an alternate designated focal point leaves the alternate seat the same day', async () => {
      const ana = await inDirectory('Ana Alternate');
      const alt = await t.gql(
        op.designateFocalPoint({
          networkId: net,
          memberState: 'PY',
          personId: ana,
          role: 'ALTERNATE_FOCAL_POINT',
          startsOn: '2024-01-01',
        }),
        { token },
      );
      expect(code(alt)).toBe('OK');
      const promoted = await t.gql(
        op.designateFocalPoint({ networkId: net, memberState: 'PY', personId: ana, startsOn: '2025-03-01' }),
        { token },
      );
      expect(code(promoted)).toBe('OK');
      expect((await termsOf(ana)).filter((x) => x.role !== 'OBSERVER')).toEqual([
        { role: 'ALTERNATE_FOCAL_POINT', memberState: 'PY', startsOn: '2024-01-01', endsOn: '2025-03-01' },
        { role: 'FOCAL_POINT', memberState: 'PY', startsOn: '2025-03-01', endsOn: null },
      ]);
      const alternate = await t.gql<{ focalPoint: Term | null }>(
        op.focalPoint({ networkId: net, memberState: 'PY', role: 'ALTERNATE_FOCAL_POINT', on: '2025-06-01' }),
        { token },
      );
      expect(alternate.body.data!.focalPoint).toBeNull();
    });

    it('a focal point designated alternate leaves the focal-point seat, and addMembership refuses either with the reason', async () => {
      const bruno = await inDirectory('Bruno Focal');
      expect(
        code(
          await t.gql(
            op.designateFocalPoint({ networkId: net, memberState: 'UY', personId: bruno, startsOn: '2024-01-01' }),
            { token },
          ),
        ),
      ).toBe('OK');
      const refused = await t.gql(
        addMembership({ networkId: net, personId: bruno, role: 'ALTERNATE_FOCAL_POINT', memberState: 'UY' }),
        { token, lang: 'es' },
      );
      expect(code(refused)).toBe('CONFLICT');
      expect(refused.body.errors![0].message).toContain('punto focal de UY');
      const demoted = await t.gql(
        op.designateFocalPoint({
          networkId: net,
          memberState: 'UY',
          personId: bruno,
          role: 'ALTERNATE_FOCAL_POINT',
          startsOn: '2025-01-01',
        }),
        { token },
      );
      expect(code(demoted)).toBe('OK');
      expect((await termsOf(bruno)).filter((x) => x.role !== 'OBSERVER')).toEqual([
        { role: 'FOCAL_POINT', memberState: 'UY', startsOn: '2024-01-01', endsOn: '2025-01-01' },
        { role: 'ALTERNATE_FOCAL_POINT', memberState: 'UY', startsOn: '2025-01-01', endsOn: null },
      ]);
    });
  });

  it('focalPointHistory without a role lists focal-point terms only, as the schema says', async () => {
    const carla = await inDirectory('Carla Focal');
    const dora = await inDirectory('Dora Alternate');
    await t.gql(
      op.designateFocalPoint({ networkId: net, memberState: 'BO', personId: carla, startsOn: '2020-01-01' }),
      { token },
    );
    await t.gql(
      op.designateFocalPoint({
        networkId: net,
        memberState: 'BO',
        personId: dora,
        role: 'ALTERNATE_FOCAL_POINT',
        startsOn: '2020-01-01',
      }),
      { token },
    );
    const history = await t.gql<{ focalPointHistory: Term[] }>(
      op.focalPointHistory({ networkId: net, memberState: 'BO' }),
      {
        token,
      },
    );
    expect(history.body.data!.focalPointHistory.map((x) => [x.role, x.person.name])).toEqual([
      ['FOCAL_POINT', 'Carla Focal'],
    ]);
    const alternates = await t.gql<{ focalPointHistory: Term[] }>(
      op.focalPointHistory({ networkId: net, memberState: 'BO', role: 'ALTERNATE_FOCAL_POINT' }),
      { token },
    );
    expect(alternates.body.data!.focalPointHistory.map((x) => x.person.name)).toEqual(['Dora Alternate']);
  });

  it('a new organisation keeps its first language as the original; a new person speaks the network’s language', async () => {
    const created = await t.gql<{ createOrganisation: { id: string } }>(
      op.createOrganisation({
        type: 'GOVERNMENT',
        name: [
          { language: 'es', text: 'Ministerio de Relaciones Exteriores' },
          { language: 'en', text: 'Ministry of Foreign Affairs' },
        ],
      }),
      { token },
    );
    expect(code(created)).toBe('OK');
    const [stored] = (await t.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [
      created.body.data!.createOrganisation.id,
    ])) as { name: Record<string, { status: string }> }[];
    expect(stored.name.es.status).toBe('ORIGINAL');
    expect(stored.name.en.status).toBe('TRANSLATED');

    const person = await t.gql<{ createPerson: { person: { preferredLanguage: string } } }>(
      op.createPerson({ networkId: net, name: 'Elena Nueva', role: 'OBSERVER' }),
      { token },
    );
    expect(code(person)).toBe('OK');
    expect(person.body.data!.createPerson.person.preferredLanguage).toBe('es');
  });

  it('relationships: no self-links, no duplicates, and an ended one stays ended', async () => {
    const felipe = await inDirectory('Felipe');
    const ministry = (await insertOrganisation(t.dataSource, { name: 'Ministerio del Interior' })).id;
    const other = (await insertOrganisation(t.dataSource, { name: 'Defensoría del Pueblo' })).id;
    const link = (input: Record<string, unknown>) =>
      t.gql<{ createRelationship: { id: string } }>(
        op.createRelationship({ networkId: net, type: 'WORKS_FOR', ...input }),
        {
          token,
        },
      );
    expect(code(await link({ fromOrganisationId: ministry, toOrganisationId: ministry, type: 'PARTNERS_WITH' }))).toBe(
      'BAD_USER_INPUT',
    );
    const first = await link({ fromPersonId: felipe, toOrganisationId: ministry, startsOn: '2020-01-01' });
    expect(code(first)).toBe('OK');
    expect(code(await link({ fromPersonId: felipe, toOrganisationId: ministry, startsOn: '2022-01-01' }))).toBe(
      'CONFLICT',
    );
    expect(code(await link({ fromPersonId: felipe, toOrganisationId: other, startsOn: '2022-01-01' }))).toBe('OK');

    const end = (id: string, endsOn: string) =>
      t.gql(
        {
          query: `mutation End($id: ID!, $endsOn: String) { endRelationship(id: $id, endsOn: $endsOn) { id endsOn } }`,
          variables: { id, endsOn },
        },
        { token, lang: 'fr' },
      );
    const id = first.body.data!.createRelationship.id;
    expect(code(await end(id, '2023-06-30'))).toBe('OK');
    const again = await end(id, '2021-01-01');
    expect(code(again)).toBe('CONFLICT');
    expect(again.body.errors![0].message).toBe('Cette relation a déjà pris fin.');
    // After it ended, the same relationship may be recorded again for a later period.
    expect(code(await link({ fromPersonId: felipe, toOrganisationId: ministry, startsOn: '2024-01-01' }))).toBe('OK');
  });
  it('every change to a person appears in the audit log of each network they belong to', async () => {
    const forum = (await insertNetwork(t.dataSource, { slug: 'foro-sociedad-civil' })).id;
    const forumSecretariat = (await signedInMember(t, { name: 'Sol', networkId: forum, role: 'SECRETARIAT' })).token;
    const hugo = await insertAccount(t.dataSource, { name: 'Hugo Doble' });
    await insertMembership(t.dataSource, { personId: hugo.personId, networkId: net, role: 'OBSERVER' });
    await insertMembership(t.dataSource, { personId: hugo.personId, networkId: forum, role: 'CIVIL_SOCIETY' });
    const hugoToken = await insertSession(t.dataSource, hugo.accountId);
    const personEntries = async (networkId: string, reader: string) => {
      const res = await t.gql<{
        auditLog: { edges: { node: { networkId: string; action: string; after: Record<string, unknown> } }[] };
      }>(auditLog({ networkId, entityType: 'person', entityId: hugo.personId }), { token: reader });
      expect(code(res)).toBe('OK');
      return res.body.data!.auditLog.edges.map((e) => ({ networkId: e.node.networkId, action: e.node.action }));
    };

    // The red's secretariat edits him: the forum's secretariat reads it in the forum's log, and back.
    const [{ version }] = (await t.dataSource.query(`SELECT version FROM person WHERE id = $1`, [hugo.personId])) as {
      version: number;
    }[];
    const edited = await t.gql(op.updatePerson({ id: hugo.personId, expectedVersion: version, jobTitle: 'Asesor' }), {
      token,
    });
    expect(code(edited)).toBe('OK');
    expect(await personEntries(forum, forumSecretariat)).toEqual([{ networkId: forum, action: 'update' }]);
    expect(await personEntries(net, token)).toEqual([{ networkId: net, action: 'update' }]);

    // He renames himself (identity's updateMe): both logs again.
    expect(code(await t.gql(updateMe({ name: 'Hugo Doble Díaz' }), { token: hugoToken }))).toBe('OK');
    expect(await personEntries(forum, forumSecretariat)).toEqual([
      { networkId: forum, action: 'update' },
      { networkId: forum, action: 'update' },
    ]);
    expect((await personEntries(net, token)).length).toBe(2);
  });
  it('erasure ends every term, shows one label everywhere, and a re-import cannot bring the person back', async () => {
    const admin = (await signedInMember(t, { name: 'Ada', isAdmin: true })).token;
    const csv = [
      'external_ref,name,email,role,member_state,languages',
      'PY-2019,Gloria Benítez,gloria.benitez@example.gov.py,FOCAL_POINT,PY,es',
    ].join('\n');
    const imported = await t.gql<{ importDirectory: { rows: { personId: string; outcome: string }[] } }>(
      op.importDirectory({ networkId: net, csv, dryRun: false }),
      { token },
    );
    const [row] = imported.body.data!.importDirectory.rows;
    expect(row.outcome).toBe('CREATED');
    expect(code(await t.gql(op.erasePerson(row.personId), { token: admin }))).toBe('OK');

    const open = (await termsOf(row.personId)).filter((x) => x.endsOn === null);
    expect(open).toEqual([]);
    const holder = await t.gql<{ focalPoint: Term | null }>(op.focalPoint({ networkId: net, memberState: 'PY' }), {
      token,
    });
    expect(holder.body.data!.focalPoint?.person.id).not.toBe(row.personId);
    const history = await t.gql<{ focalPointHistory: Term[] }>(
      op.focalPointHistory({ networkId: net, memberState: 'PY' }),
      {
        token,
        lang: 'es',
      },
    );
    const erased = history.body.data!.focalPointHistory.find((x) => x.person.id === row.personId)!;
    const card = await t.gql<{ person: { name: string } }>(op.person(row.personId, 'name'), { token, lang: 'es' });
    expect(erased.person.name).toBe('Persona borrada');
    expect(card.body.data!.person.name).toBe('Persona borrada');

    const before = Number(((await t.dataSource.query(`SELECT count(*) AS n FROM person`)) as { n: string }[])[0].n);
    for (const file of [csv, csv.replace('PY-2019,', ',')]) {
      const again = await t.gql<{ importDirectory: { rows: { outcome: string; errors: { message: string }[] }[] } }>(
        op.importDirectory({ networkId: net, csv: file, dryRun: false }),
        { token },
      );
      expect(again.body.data!.importDirectory.rows[0].outcome).toBe('REJECTED');
    }
    expect(Number(((await t.dataSource.query(`SELECT count(*) AS n FROM person`)) as { n: string }[])[0].n)).toBe(
      before,
    );
    const [kept] = (await t.dataSource.query(`SELECT erased_keys::text AS keys FROM person WHERE id = $1`, [
      row.personId,
    ])) as { keys: string }[];
    expect(kept.keys).not.toContain('gloria');
  });
});
