import { insertAccount, insertNetwork, insertSession } from '@enlace/testing';
import {
  addMembership,
  ConnectionData,
  createNetwork,
  network,
  NetworkData,
  networks,
} from './support/networks.operations';
import { Caller, errorCode, networkAuditEntries, startNetworksCast } from './support/networks.fixture';
import type { TestApp } from './support/test-app';

/** Creating networks (administrators) and reading them: languages, ids and slugs, pages, NOT_FOUND alike. */
describe('networks: create and read', () => {
  let t: TestApp;
  let admin: Caller;
  let secretariat: Caller;
  let member: Caller;
  let outsider: Caller;
  let home: { id: string; slug: string };

  const auditEntries = (networkId: string, token = admin.token, entityType?: string) =>
    networkAuditEntries(t, networkId, token, entityType);

  beforeAll(async () => {
    ({ t, admin, secretariat, member, outsider, home } = await startNetworksCast());
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
});
