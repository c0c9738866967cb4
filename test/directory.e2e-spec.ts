import { randomUUID } from 'node:crypto';
import { insertDirectoryPerson, insertMemberState, insertNetwork, insertOrganisation } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Names = { people: { edges: { node: { id: string; name: string } }[]; totalCount: number } };

describe('directory: search, focal points, handovers and vacancies', () => {
  let t: TestApp;
  let net: { id: string };
  let other: { id: string };
  let observer: string;
  let secretariat: string;
  let outsider: string;
  let rosa: { id: string };
  let ana: { id: string };
  let hidden: { id: string };

  const names = (body: unknown) =>
    ((body as { data: Names }).data.people.edges.map((e) => e.node.name) as string[]).sort();

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    net = await insertNetwork(ds, { slug: 'latam', visibility: 'NETWORK' });
    other = await insertNetwork(ds, { slug: 'other', visibility: 'NETWORK' });
    for (const code of ['PE', 'PY', 'AR']) await insertMemberState(ds, { networkId: net.id, countryCode: code });
    await insertMemberState(ds, { networkId: other.id, countryCode: 'PE' });

    observer = (await signedInMember(t, { name: 'Olga Observer', networkId: net.id, role: 'OBSERVER' })).token;
    secretariat = (await signedInMember(t, { name: 'Sara Secretariat', networkId: net.id, role: 'SECRETARIAT' })).token;
    outsider = (await signedInMember(t, { name: 'Otto Outsider', networkId: other.id, role: 'OBSERVER' })).token;

    const cancilleria = await insertOrganisation(ds, {
      names: { es: 'Ministerio de Relaciones Exteriores del Perú', en: 'Ministry of Foreign Affairs of Peru' },
      acronym: 'RREE',
      countryCode: 'PE',
    });
    rosa = await insertDirectoryPerson(ds, {
      name: 'Rosa Quispe',
      countryCode: 'PE',
      organisationId: cancilleria.id,
      contacts: [
        { kind: 'EMAIL', value: 'rosa.quispe@example.org', visibility: 'NETWORK' },
        { kind: 'PHONE', value: '+51 1 204 2400', visibility: 'RESTRICTED' },
      ],
      memberships: [{ networkId: net.id, role: 'FOCAL_POINT', memberState: 'PE', startsOn: '2023-06-01' }],
    });
    await insertDirectoryPerson(ds, {
      name: 'Jorge Salas',
      countryCode: 'PE',
      memberships: [
        { networkId: net.id, role: 'FOCAL_POINT', memberState: 'PE', startsOn: '2019-01-15', endsOn: '2023-06-01' },
      ],
    });
    // A Peruvian focal point of another network, and a Peruvian with a RESTRICTED membership: hidden from observers.
    hidden = await insertDirectoryPerson(ds, {
      name: 'Hidden Peruano',
      countryCode: 'PE',
      memberships: [{ networkId: other.id, role: 'FOCAL_POINT', memberState: 'PE' }],
    });
    await insertDirectoryPerson(ds, {
      name: 'Restricted Perez',
      countryCode: 'PE',
      memberships: [{ networkId: net.id, role: 'CIVIL_SOCIETY', visibility: 'RESTRICTED' }],
    });
    // Representing Peru without being Peruvian: found by the member state's name.
    await insertDirectoryPerson(ds, {
      name: 'Alternate Smith',
      countryCode: 'GB',
      memberships: [{ networkId: net.id, role: 'ALTERNATE_FOCAL_POINT', memberState: 'PE' }],
    });
    await insertDirectoryPerson(ds, {
      name: 'Carlos Benítez',
      countryCode: 'PY',
      memberships: [{ networkId: net.id, role: 'FOCAL_POINT', memberState: 'PY', startsOn: '2022-02-01' }],
    });
    ana = await insertDirectoryPerson(ds, {
      name: 'Ana Torres',
      countryCode: 'PE',
      memberships: [{ networkId: net.id, role: 'OBSERVER' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['Pérou', 'peru', 'PERÚ', 'perú'])(
    'finds the Peruvian focal points a member may see, and no others, for "%s"',
    async (text) => {
      const res = await t.gql(op.people({ text, role: 'FOCAL_POINT', networkId: net.id }), { token: observer });
      expect(res.body.errors).toBeUndefined();
      expect(names(res.body)).toEqual(['Jorge Salas', 'Rosa Quispe']);
      const all = await t.gql(op.people({ text }), { token: observer });
      expect(names(all.body)).toEqual(['Alternate Smith', 'Ana Torres', 'Jorge Salas', 'Rosa Quispe']);
      expect((all.body.data as Names).people.totalCount).toBe(4);
    },
  );

  it('narrows to current focal points with activeOnly', async () => {
    const res = await t.gql(op.people({ text: 'Pérou', role: 'FOCAL_POINT', activeOnly: true }), { token: observer });
    expect(names(res.body)).toEqual(['Rosa Quispe']);
  });

  it('searches people, organisations and countries in one query, in the caller’s language', async () => {
    const res = await t.gql(op.searchDirectory({ text: 'Pérou' }), { token: observer, lang: 'fr' });
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      searchDirectory: {
        countries: { edges: { node: { code: string; name: string } }[] };
        organisations: { edges: { node: { name: { text: string } } }[] };
        people: { totalCount: number };
      };
    };
    expect(data.searchDirectory.countries.edges.map((e) => e.node)).toEqual([{ code: 'PE', name: 'Pérou' }]);
    expect(data.searchDirectory.organisations.edges).toHaveLength(1);
    expect(data.searchDirectory.people.totalCount).toBe(4);
  });

  it('is accent- and case-insensitive on names and organisations', async () => {
    for (const text of ['benitez', 'BENÍTEZ', 'Beni']) {
      const res = await t.gql(op.people({ text }), { token: observer });
      expect(names(res.body)).toEqual(['Carlos Benítez']);
    }
    const byOrg = await t.gql(op.people({ text: 'relaciones exteriores' }), { token: observer });
    expect(names(byOrg.body)).toEqual(['Rosa Quispe']);
  });

  it('treats quotes, SQL and regex characters as text', async () => {
    for (const text of [`'; DROP TABLE person; --`, '.*', '%', '\\', '"Rosa', '^(.*)$', '[[:alpha:]]']) {
      const res = await t.gql(op.people({ text }), { token: observer });
      expect(res.body.errors).toBeUndefined();
      expect(names(res.body)).toEqual(text === '"Rosa' ? ['Rosa Quispe'] : []);
    }
  });

  it('shows members of another network only their own network’s people', async () => {
    const res = await t.gql(op.people({ text: 'peru' }), { token: outsider });
    expect(names(res.body)).toEqual(['Hidden Peruano']);
    const anonymous = await t.gql(op.people({ text: 'peru' }));
    expect(names(anonymous.body)).toEqual([]);
  });

  it('answers a person the caller may not see exactly like a missing one', async () => {
    const hiddenRes = await t.gql(op.person(hidden.id, 'id name'), { token: observer });
    const missing = await t.gql(op.person(randomUUID(), 'id name'), { token: observer });
    expect(hiddenRes.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(hiddenRes.body).toEqual({ ...missing.body, errors: [{ ...missing.body.errors![0], path: ['person'] }] });
  });

  it('shows contact details according to their own visibility', async () => {
    const seen = async (token: string) => {
      const res = await t.gql(op.person(rosa.id), { token });
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data as {
        person: { contactDetails: { value: string }[]; organisation: { acronym: string } };
      };
      expect(data.person.organisation.acronym).toBe('RREE');
      return data.person.contactDetails.map((c) => c.value);
    };
    expect(await seen(observer)).toEqual(['rosa.quispe@example.org']);
    expect(await seen(secretariat)).toEqual(['rosa.quispe@example.org', '+51 1 204 2400']);
  });

  it('lists vacancies for the secretariat only', async () => {
    const res = await t.gql(op.vacancies(net.id), { token: secretariat, lang: 'es' });
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { vacancies: { edges: { node: { country: { code: string; name: string } } }[] } };
    expect(data.vacancies.edges.map((e) => e.node.country)).toEqual([{ code: 'AR', name: 'Argentina' }]);
    const refused = await t.gql(op.vacancies(net.id), { token: observer });
    expect(refused.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const hiddenNetwork = await t.gql(op.vacancies(other.id), { token: observer });
    expect(hiddenNetwork.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('hands over: the predecessor’s term ends the day the new one starts, and both stay queryable', async () => {
    const denied = await t.gql(
      op.designateFocalPoint({ networkId: net.id, memberState: 'PE', personId: ana.id, startsOn: '2025-03-01' }),
      { token: observer },
    );
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const res = await t.gql(
      op.designateFocalPoint({ networkId: net.id, memberState: 'PE', personId: ana.id, startsOn: '2025-03-01' }),
      { token: secretariat },
    );
    expect(res.body.errors).toBeUndefined();
    const handover = (res.body.data as { designateFocalPoint: Record<string, Record<string, unknown>> })
      .designateFocalPoint;
    expect(handover.membership).toMatchObject({ role: 'FOCAL_POINT', memberState: 'PE', startsOn: '2025-03-01' });
    expect(handover.membership.person).toEqual({ id: ana.id, name: 'Ana Torres' });
    expect(handover.predecessor).toMatchObject({ endsOn: '2025-03-01', person: { id: rosa.id, name: 'Rosa Quispe' } });

    const who = async (on?: string) => {
      const r = await t.gql(op.focalPoint({ networkId: net.id, memberState: 'PE', on }), { token: observer });
      expect(r.body.errors).toBeUndefined();
      return (r.body.data as { focalPoint: { person: { name: string } } | null }).focalPoint?.person.name ?? null;
    };
    expect(await who()).toBe('Ana Torres');
    expect(await who('2024-01-01')).toBe('Rosa Quispe');
    expect(await who('2020-05-05')).toBe('Jorge Salas');
    expect(await who('2010-01-01')).toBeNull();

    const history = await t.gql(op.focalPointHistory({ networkId: net.id, memberState: 'PE', role: 'FOCAL_POINT' }), {
      token: observer,
    });
    const terms = (
      history.body.data as {
        focalPointHistory: { startsOn: string; endsOn: string | null; person: { name: string } }[];
      }
    ).focalPointHistory;
    expect(terms.map((x) => [x.person.name, x.startsOn, x.endsOn])).toEqual([
      ['Ana Torres', '2025-03-01', null],
      ['Rosa Quispe', '2023-06-01', '2025-03-01'],
      ['Jorge Salas', '2019-01-15', '2023-06-01'],
    ]);

    const again = await t.gql(
      op.designateFocalPoint({ networkId: net.id, memberState: 'PE', personId: ana.id, startsOn: '2025-04-01' }),
      { token: secretariat },
    );
    expect(again.body.errors?.[0].extensions.code).toBe('CONFLICT');

    const audit = (await t.dataSource.query(
      `SELECT entity_id, action FROM audit_log WHERE entity_type = 'membership' ORDER BY id`,
    )) as { entity_id: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['end', 'create']);
  });

  it('shows member states with their current holders and history, batched', async () => {
    const res = await t.gql(op.memberStates(net.id), { token: observer, lang: 'pt' });
    expect(res.body.errors).toBeUndefined();
    const states = (
      res.body.data as {
        network: {
          memberStates: {
            edges: {
              node: { country: { code: string; name: string }; focalPoint: { person: { name: string } } | null };
            }[];
          };
        };
      }
    ).network.memberStates.edges.map((e) => [e.node.country.code, e.node.focalPoint?.person.name ?? null]);
    expect(states).toEqual([
      ['AR', null],
      ['PE', 'Ana Torres'],
      ['PY', 'Carlos Benítez'],
    ]);
  });

  it('refuses a designation for a country that is not a member state, with a localised reason', async () => {
    const res = await t.gql(op.designateFocalPoint({ networkId: net.id, memberState: 'BR', personId: ana.id }), {
      token: secretariat,
      lang: 'es',
    });
    expect(res.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'memberState', message: '"BR" no es actualmente Estado miembro de esta red. Agréguelo primero.' },
      ],
    });
  });
});
