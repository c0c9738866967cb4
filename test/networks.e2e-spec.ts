import { insertAccount, insertMembership, insertNetwork, insertSession, TestPerson } from '@enlace/testing';
import {
  addMembership,
  addNetworkPartner,
  auditLog,
  AuditEntryData,
  ConnectionData,
  createNetwork,
  network,
  NetworkData,
  networks,
  removeNetworkPartner,
  updateNetwork,
} from './support/networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

type Caller = TestPerson & { token: string };

function errorCode(res: GraphqlResponse): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

describe('networks: create, read, update, partners', () => {
  let t: TestApp;
  let admin: Caller;
  let secretariat: Caller;
  let member: Caller;
  let outsider: Caller;
  let home: { id: string; slug: string };

  async function caller(options: Parameters<typeof insertAccount>[1] = {}): Promise<Caller> {
    const person = await insertAccount(t.dataSource, options);
    return { ...person, token: await insertSession(t.dataSource, person.accountId) };
  }

  async function auditEntries(networkId: string, token = admin.token, entityType?: string): Promise<AuditEntryData[]> {
    const res = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
      auditLog({ networkId, entityType, first: 100 }),
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.auditLog.edges.map((e) => e.node);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await caller({ isAdmin: true, name: 'Ada Admin' });
    secretariat = await caller({ name: 'Sara Secretariat' });
    member = await caller({ name: 'Cleo Civil' });
    outsider = await caller({ name: 'Otto Outsider' });
    home = await insertNetwork(t.dataSource, {
      slug: 'home-network',
      visibility: 'NETWORK',
      defaultLanguage: 'es',
      workingLanguages: ['es', 'en'],
      name: { es: { text: 'Red de origen', status: 'ORIGINAL' }, en: { text: 'Home network', status: 'TRANSLATED' } },
    });
    await insertMembership(t.dataSource, { personId: secretariat.personId, networkId: home.id, role: 'SECRETARIAT' });
    await insertMembership(t.dataSource, { personId: member.personId, networkId: home.id, role: 'CIVIL_SOCIETY' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('createNetwork', () => {
    const input = {
      slug: 'latin-america-network',
      name: [
        { language: 'es', text: 'Red Latinoamericana para la Prevención del Genocidio' },
        { language: 'en', text: 'Latin American Network for Genocide Prevention' },
        { language: 'pt', text: 'Rede Latino-Americana para a Prevenção do Genocídio', status: 'REVIEWED' },
        { language: 'fr', text: 'Réseau latino-américain pour la prévention du génocide', status: 'OFFICIAL' },
      ],
      description: [{ language: 'es', text: 'Coordinación regional.' }],
      kind: 'GOVERNMENTAL',
      defaultLanguage: 'es',
      workingLanguages: ['es', 'pt', 'en'],
      visibility: 'PUBLIC',
    };

    it('lets an administrator create a network with its name in four languages, served in the request language', async () => {
      const res = await t.gql<{ createNetwork: NetworkData }>(createNetwork(input), { token: admin.token, lang: 'fr' });
      expect(res.body.errors).toBeUndefined();
      const created = res.body.data!.createNetwork;
      expect(created).toMatchObject({
        slug: 'latin-america-network',
        kind: 'GOVERNMENTAL',
        defaultLanguage: 'es',
        workingLanguages: ['en', 'es', 'pt'],
        visibility: 'PUBLIC',
        version: 1,
        name: { text: 'Réseau latino-américain pour la prévention du génocide', language: 'fr', status: 'OFFICIAL' },
        description: { text: 'Coordinación regional.', language: 'es' },
      });
      expect(created.name.translations).toEqual([
        { language: 'en', text: 'Latin American Network for Genocide Prevention', status: 'TRANSLATED' },
        { language: 'es', text: 'Red Latinoamericana para la Prevención del Genocidio', status: 'ORIGINAL' },
        { language: 'pt', text: 'Rede Latino-Americana para a Prevenção do Genocídio', status: 'REVIEWED' },
        { language: 'fr', text: 'Réseau latino-américain pour la prévention du génocide', status: 'OFFICIAL' },
      ]);

      const [entry] = await auditEntries(created.id, admin.token, 'network');
      expect(entry).toMatchObject({
        action: 'create',
        entityId: created.id,
        before: null,
        actor: { id: admin.personId },
      });
      expect(JSON.parse(entry.after!)).toMatchObject({ slug: 'latin-america-network', visibility: 'PUBLIC' });
    });

    it('refuses a slug already taken with CONFLICT', async () => {
      const res = await t.gql(createNetwork(input), { token: admin.token, lang: 'es' });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.body.errors?.[0].message).toBe('Otra red ya usa el slug "latin-america-network".');
    });

    it('reports every invalid field at once, in the request language', async () => {
      const res = await t.gql(
        createNetwork({
          ...input,
          slug: 'Not A Slug',
          name: [],
          defaultLanguage: 'fr',
          workingLanguages: ['es', 'es'],
        }),
        { token: admin.token, lang: 'pt' },
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const fields = res.body.errors?.[0].extensions.fields ?? [];
      expect(fields.map((f) => f.field).sort()).toEqual(['name', 'slug', 'workingLanguages', 'workingLanguages.1']);
      expect(fields.find((f) => f.field === 'workingLanguages')?.message).toBe(
        'O idioma padrão (fr) deve ser um dos idiomas de trabalho.',
      );
    });

    it('lets the administrator staff a RESTRICTED network, which its members then see and outsiders do not', async () => {
      const res = await t.gql<{ createNetwork: NetworkData }>(
        createNetwork({ ...input, slug: 'closed-forum', visibility: 'RESTRICTED' }),
        { token: admin.token },
      );
      const closed = res.body.data!.createNetwork;
      const staff = await insertAccount(t.dataSource, { name: 'First Secretariat' });
      const added = await t.gql(
        addMembership({ networkId: closed.id, personId: staff.personId, role: 'SECRETARIAT' }),
        {
          token: admin.token,
        },
      );
      expect(added.body.errors).toBeUndefined();
      const staffToken = await insertSession(t.dataSource, staff.accountId);
      const seen = await t.gql<{ network: { id: string } }>(network({ id: closed.id }, 'id'), { token: staffToken });
      expect(seen.body.data?.network.id).toBe(closed.id);
      expect(errorCode(await t.gql(network({ id: closed.id }, 'id'), { token: outsider.token }))).toBe('NOT_FOUND');
    });

    it('is for administrators only', async () => {
      const asSecretariat = await t.gql(createNetwork({ ...input, slug: 'not-mine' }), { token: secretariat.token });
      expect(errorCode(asSecretariat)).toBe('FORBIDDEN');
      const anonymous = await t.gql(createNetwork({ ...input, slug: 'not-mine' }));
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    });
  });

  describe('reading networks', () => {
    it('serves the name in the request language, else the network default, and says which', async () => {
      const inEnglish = await t.gql<{ network: NetworkData }>(network({ slug: 'home-network' }), {
        token: member.token,
        lang: 'en-GB',
      });
      expect(inEnglish.body.data?.network.name).toMatchObject({ text: 'Home network', language: 'en' });
      const inFrench = await t.gql<{ network: NetworkData }>(network({ slug: 'home-network' }), {
        token: member.token,
        lang: 'fr',
      });
      expect(inFrench.body.data?.network.name).toMatchObject({
        text: 'Red de origen',
        language: 'es',
        status: 'ORIGINAL',
      });
    });

    it('loads by id or by slug (case-insensitive), and asks for exactly one of them', async () => {
      const byId = await t.gql<{ network: NetworkData }>(network({ id: home.id }), { token: member.token });
      expect(byId.body.data?.network.slug).toBe('home-network');
      const bySlug = await t.gql<{ network: NetworkData }>(network({ slug: 'HOME-Network' }), { token: member.token });
      expect(bySlug.body.data?.network.id).toBe(home.id);
      expect(errorCode(await t.gql(network({}), { token: member.token }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(network({ id: home.id, slug: 'x' }), { token: member.token }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('answers NOT_FOUND alike for a missing network, a malformed id and a hidden one', async () => {
      const answers = await Promise.all([
        t.gql(network({ id: '00000000-0000-4000-8000-000000000000' }), { token: outsider.token }),
        t.gql(network({ id: 'not-a-uuid' }), { token: outsider.token }),
        t.gql(network({ slug: 'no-such-network' }), { token: outsider.token }),
        t.gql(network({ id: home.id }), { token: outsider.token }),
        t.gql(network({ slug: 'home-network' }), { token: outsider.token }),
      ]);
      const shapes = answers.map((r) => ({ status: r.status, data: r.body.data, errors: r.body.errors }));
      for (const shape of shapes) {
        expect(shape).toEqual({
          status: 200,
          data: { network: null },
          errors: [
            {
              message: 'Not found.',
              path: ['network'],
              locations: expect.any(Array),
              extensions: { code: 'NOT_FOUND' },
            },
          ],
        });
      }
    });

    it('pages through networks by slug with opaque cursors, filtered by kind', async () => {
      for (const slug of ['kind-a', 'kind-b', 'kind-c']) {
        await insertNetwork(t.dataSource, { slug, kind: 'CIVIL_SOCIETY' });
      }
      const first = await t.gql<{ networks: ConnectionData<{ slug: string }> }>(
        networks({ first: 2, kind: 'CIVIL_SOCIETY' }),
      );
      expect(first.body.data?.networks.edges.map((e) => e.node.slug)).toEqual(['kind-a', 'kind-b']);
      expect(first.body.data?.networks.totalCount).toBe(3);
      expect(first.body.data?.networks.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await t.gql<{ networks: ConnectionData<{ slug: string }> }>(
        networks({ first: 2, kind: 'CIVIL_SOCIETY', after: first.body.data!.networks.pageInfo.endCursor! }),
      );
      expect(second.body.data?.networks.edges.map((e) => e.node.slug)).toEqual(['kind-c']);
      expect(second.body.data?.networks.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(second.body.data?.networks.totalCount).toBe(3);
    });

    it('refuses a forged cursor and a page larger than 100', async () => {
      const forged = Buffer.from(JSON.stringify(['c1', 1, 2])).toString('base64url');
      expect(errorCode(await t.gql(networks({ after: forged })))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(networks({ after: 'garbage!' })))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(networks({ first: 101 })))).toBe('BAD_USER_INPUT');
    });
  });

  describe('updateNetwork', () => {
    let target: { id: string; slug: string };
    let version: number;
    beforeAll(async () => {
      target = await insertNetwork(t.dataSource, {
        slug: 'editable',
        visibility: 'PARTNERS',
        name: { en: { text: 'Editable network', status: 'ORIGINAL' } },
      });
      await insertMembership(t.dataSource, {
        personId: secretariat.personId,
        networkId: target.id,
        role: 'SECRETARIAT',
      });
      await insertMembership(t.dataSource, { personId: member.personId, networkId: target.id, role: 'OBSERVER' });
      version = 1;
    });

    it('lets the secretariat edit per language, keeping stored statuses, and bumps the version', async () => {
      const res = await t.gql<{ updateNetwork: NetworkData }>(
        updateNetwork({
          id: target.id,
          expectedVersion: version,
          name: [
            { language: 'fr', text: 'Réseau modifiable', status: 'REVIEWED' },
            { language: 'en', text: 'Editable network (renamed)' },
          ],
          description: [{ language: 'en', text: 'Now with a description.', status: 'ORIGINAL' }],
          workingLanguages: ['en', 'fr'],
        }),
        { token: secretariat.token, lang: 'fr' },
      );
      expect(res.body.errors).toBeUndefined();
      const updated = res.body.data!.updateNetwork;
      expect(updated.version).toBe(version + 1);
      expect(updated.name).toMatchObject({ text: 'Réseau modifiable', language: 'fr', status: 'REVIEWED' });
      expect(updated.name.translations).toEqual([
        { language: 'en', text: 'Editable network (renamed)', status: 'ORIGINAL' },
        { language: 'fr', text: 'Réseau modifiable', status: 'REVIEWED' },
      ]);
      expect(updated.workingLanguages).toEqual(['en', 'fr']);
      version = updated.version;

      const [entry] = await auditEntries(target.id, secretariat.token, 'network');
      expect(entry.action).toBe('update');
      expect(JSON.parse(entry.before!)).toEqual({
        name: { en: { text: 'Editable network', status: 'ORIGINAL' } },
        description: {},
        workingLanguages: ['en'],
        version: 1,
      });
      expect(JSON.parse(entry.after!)).toMatchObject({ workingLanguages: ['en', 'fr'], version: 2 });
    });

    it('removes a language, but never the last one of the name', async () => {
      const removed = await t.gql<{ updateNetwork: NetworkData }>(
        updateNetwork({ id: target.id, expectedVersion: version, removeNameLanguages: ['fr'] }),
        { token: secretariat.token, lang: 'fr' },
      );
      expect(removed.body.data?.updateNetwork.name).toMatchObject({ language: 'en' });
      version = removed.body.data!.updateNetwork.version;
      const last = await t.gql(
        updateNetwork({ id: target.id, expectedVersion: version, removeNameLanguages: ['en'] }),
        {
          token: secretariat.token,
        },
      );
      expect(errorCode(last)).toBe('BAD_USER_INPUT');
      expect(last.body.errors?.[0].extensions.fields).toEqual([
        { field: 'name', message: 'A network keeps its name in at least one language.' },
      ]);
    });

    it('answers CONFLICT to a stale expectedVersion', async () => {
      const res = await t.gql(updateNetwork({ id: target.id, expectedVersion: version - 1, visibility: 'PUBLIC' }), {
        token: secretariat.token,
      });
      expect(errorCode(res)).toBe('CONFLICT');
    });

    it('lets exactly one of several concurrent editors with the same version win', async () => {
      const attempts = await Promise.all(
        ['NETWORK', 'PUBLIC', 'RESTRICTED', 'PARTNERS'].map((visibility, i) =>
          t.gql<{ updateNetwork: NetworkData }>(
            updateNetwork({
              id: target.id,
              expectedVersion: version,
              visibility,
              description: [{ language: 'en', text: `Concurrent edit ${i}` }],
            }),
            { token: i % 2 === 0 ? secretariat.token : admin.token },
          ),
        ),
      );
      const winners = attempts.filter((r) => r.body.data?.updateNetwork);
      const losers = attempts.filter((r) => errorCode(r) === 'CONFLICT');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(3);
      version = winners[0].body.data!.updateNetwork.version;
      expect(version).toBe(4);
      const updates = (await auditEntries(target.id, admin.token, 'network')).filter((e) => e.action === 'update');
      expect(updates).toHaveLength(3);
    });

    it('is FORBIDDEN to a member who is not secretariat, NOT_FOUND to someone who cannot see the network', async () => {
      await t.gql(updateNetwork({ id: target.id, expectedVersion: version, visibility: 'NETWORK' }), {
        token: admin.token,
      });
      version += 1;
      const asMember = await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' }), {
        token: member.token,
      });
      expect(errorCode(asMember)).toBe('FORBIDDEN');
      const asOutsider = await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' }), {
        token: outsider.token,
      });
      expect(errorCode(asOutsider)).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' })))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('partners', () => {
    let left: { id: string; slug: string };
    let right: { id: string; slug: string };
    beforeAll(async () => {
      left = await insertNetwork(t.dataSource, { slug: 'left-network' });
      right = await insertNetwork(t.dataSource, { slug: 'right-network' });
      await insertMembership(t.dataSource, { personId: secretariat.personId, networkId: left.id, role: 'SECRETARIAT' });
    });

    it('needs the right to manage both networks to add a partnership', async () => {
      const res = await t.gql(addNetworkPartner(left.id, right.id), { token: secretariat.token });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(addNetworkPartner(left.id, left.id), { token: admin.token }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('stores both directions and writes an entry in each network’s log', async () => {
      const res = await t.gql<{ addNetworkPartner: { id: string; partners: { id: string }[] } }>(
        addNetworkPartner(left.id, right.id),
        { token: admin.token },
      );
      expect(res.body.data?.addNetworkPartner.partners).toEqual([{ id: right.id, slug: 'right-network' }]);
      const fromRight = await t.gql<{ network: { partners: { id: string }[] } }>(
        network({ id: right.id }, 'partners { id }'),
      );
      expect(fromRight.body.data?.network.partners).toEqual([{ id: left.id }]);
      const again = await t.gql(addNetworkPartner(right.id, left.id), { token: admin.token });
      expect(again.body.errors).toBeUndefined();

      for (const [owner, other] of [
        [left.id, right.id],
        [right.id, left.id],
      ]) {
        const entries = await auditEntries(owner, admin.token, 'network_partner');
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ action: 'addPartner', entityId: `${owner}:${other}`, before: null });
        expect(JSON.parse(entries[0].after!)).toEqual({ networkId: owner, partnerId: other });
      }
    });

    it('lets either side’s secretariat end it', async () => {
      const res = await t.gql<{ removeNetworkPartner: { partners: unknown[] } }>(
        removeNetworkPartner(left.id, right.id),
        {
          token: secretariat.token,
        },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.removeNetworkPartner.partners).toEqual([]);
      const rows = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM network_partner WHERE $1 IN (network_id, partner_id)`,
        [left.id],
      )) as { n: number }[];
      expect(rows[0].n).toBe(0);
      const entries = await auditEntries(right.id, admin.token, 'network_partner');
      expect(entries.map((e) => e.action)).toEqual(['removePartner', 'addPartner']);
      expect(JSON.parse(entries[0].before!)).toEqual({ networkId: right.id, partnerId: left.id });
    });
  });
});
