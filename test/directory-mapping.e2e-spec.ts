import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { insertDirectoryPerson, insertNetwork, insertOrganisation, insertPartnership } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { auditLog } from './support/networks.operations';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Coordination across networks (issue 14 items 16 and 18): a secretariat opens its focal points to
 * the partner forum, and maps actors and relationships network-wide, without leaking a record a
 * caller may not see.
 */
describe('the directory shared with partners, and the map of actors', () => {
  let t: TestApp;
  let gov: string;
  let forum: string;
  let hidden: string;
  let govSecretariat: string;
  let forumMember: string;
  let strangerSecretariat: string;
  let hiddenSecretariat: string;
  const people: Record<string, string> = {};
  const memberships: Record<string, string> = {};

  const code = (res: GraphqlResponse) => res.body.errors?.[0]?.extensions.code ?? 'OK';
  const errorOf = (res: GraphqlResponse) => ({ code: code(res), message: res.body.errors?.[0]?.message });
  const found = async (token: string, filters: op.SearchFilters) => {
    const res = await t.gql<{ people: { edges: { node: { name: string } }[] } }>(op.people(filters), { token });
    expect(code(res)).toBe('OK');
    return res.body.data!.people.edges.map((e) => e.node.name).sort();
  };
  const membershipOf = async (personId: string) =>
    (
      (await t.dataSource.query(`SELECT id FROM membership WHERE person_id = $1 AND network_id = $2`, [
        personId,
        gov,
      ])) as { id: string }[]
    )[0].id;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    gov = (await insertNetwork(ds, { slug: 'red-gobiernos', visibility: 'PARTNERS', defaultLanguage: 'es' })).id;
    forum = (await insertNetwork(ds, { slug: 'foro-sociedad-civil' })).id;
    hidden = (await insertNetwork(ds, { slug: 'red-reservada', visibility: 'NETWORK' })).id;
    const stranger = (await insertNetwork(ds, { slug: 'otra-red' })).id;
    await insertPartnership(ds, gov, forum);
    govSecretariat = (await signedInMember(t, { name: 'Sara', networkId: gov, role: 'SECRETARIAT' })).token;
    forumMember = (await signedInMember(t, { name: 'Fabio', networkId: forum, role: 'CIVIL_SOCIETY' })).token;
    strangerSecretariat = (await signedInMember(t, { name: 'Otto', networkId: stranger, role: 'SECRETARIAT' })).token;
    hiddenSecretariat = (await signedInMember(t, { name: 'Hilda', networkId: hidden, role: 'SECRETARIAT' })).token;
    const ministry = (await insertOrganisation(ds, { name: 'Ministerio de Defensa', countryCode: 'PY' })).id;
    for (const [key, name, role, memberState, countryCode] of [
      ['gloria', 'Gloria Benítez', 'FOCAL_POINT', 'PY', 'PY'],
      ['ulises', 'Ulises Pereira', 'FOCAL_POINT', 'UY', 'UY'],
      ['ana', 'Ana Suplente', 'ALTERNATE_FOCAL_POINT', 'PY', 'PY'],
      ['olga', 'Olga Observadora', 'OBSERVER', null, 'AR'],
    ] as const) {
      people[key] = (
        await insertDirectoryPerson(ds, {
          name,
          countryCode,
          organisationId: key === 'gloria' ? ministry : null,
          memberships: [{ networkId: gov, role, memberState }],
        })
      ).id;
      memberships[key] = await membershipOf(people[key]);
    }
    people.hera = (
      await insertDirectoryPerson(ds, {
        name: 'Hera Reservada',
        memberships: [{ networkId: hidden, role: 'OBSERVER' }],
      })
    ).id;
    people.ministry = ministry;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the visibility of memberships (item 16)', () => {
    const setOne = (id: string, visibility: string) => ({
      query: `mutation Set($id: ID!, $visibility: Visibility!) {
        setMembershipVisibility(id: $id, visibility: $visibility) { id visibility person { name } } }`,
      variables: { id, visibility },
    });
    const setMany = (input: Record<string, unknown>): Operation => ({
      query: `mutation SetMany($input: SetMembershipsVisibilityInput!) { setMembershipsVisibility(input: $input) { changed } }`,
      variables: { input },
    });

    it('a secretariat opens one focal point to the partner forum, which then finds her in the directory', async () => {
      expect(await found(forumMember, { text: 'gloria' })).toEqual([]);
      const opened = await t.gql<{ setMembershipVisibility: { visibility: string; person: { name: string } } }>(
        setOne(memberships.gloria, 'PARTNERS'),
        { token: govSecretariat },
      );
      expect(code(opened)).toBe('OK');
      expect(opened.body.data!.setMembershipVisibility).toEqual({
        id: memberships.gloria,
        visibility: 'PARTNERS',
        person: { name: 'Gloria Benítez' },
      });
      expect(await found(forumMember, { text: 'gloria' })).toEqual(['Gloria Benítez']);
      expect(await found(forumMember, { networkId: gov })).toEqual(['Gloria Benítez']);

      const log = await t.gql<{ auditLog: { edges: { node: { action: string; before: unknown; after: unknown } }[] } }>(
        auditLog({ networkId: gov, entityType: 'membership', entityId: memberships.gloria }),
        { token: govSecretariat },
      );
      expect(log.body.data!.auditLog.edges.map((e) => e.node)).toMatchObject([
        { action: 'setVisibility', before: '{"visibility":"NETWORK"}', after: '{"visibility":"PARTNERS"}' },
      ]);
      // Setting it again changes nothing and writes nothing.
      expect(code(await t.gql(setOne(memberships.gloria, 'PARTNERS'), { token: govSecretariat }))).toBe('OK');
      const again = await t.gql<{ auditLog: { totalCount: number } }>(
        auditLog({ networkId: gov, entityType: 'membership', entityId: memberships.gloria }),
        { token: govSecretariat },
      );
      expect(again.body.data!.auditLog.totalCount).toBe(1);
    });

    it('in bulk, by role and by member state, each change audited', async () => {
      const byRole = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, role: 'FOCAL_POINT', visibility: 'PARTNERS' }),
        { token: govSecretariat },
      );
      // Gloria is PARTNERS already: only Ulises changes.
      expect(byRole.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { networkId: gov })).toEqual(['Gloria Benítez', 'Ulises Pereira']);

      const byState = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, memberState: 'PY', visibility: 'PARTNERS', currentOnly: true }),
        { token: govSecretariat },
      );
      expect(byState.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { networkId: gov, memberState: 'PY' })).toEqual([
        'Ana Suplente',
        'Gloria Benítez',
      ]);
      // The observer was in neither set.
      expect(await found(forumMember, { text: 'olga' })).toEqual([]);

      const back = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, memberState: 'UY', visibility: 'NETWORK' }),
        { token: govSecretariat },
      );
      expect(back.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { text: 'ulises' })).toEqual([]);
      const entries = (await t.dataSource.query(
        `SELECT before, after FROM audit_log
          WHERE network_id = $1 AND action = 'setVisibility' AND entity_id = $2 ORDER BY audit_log.id`,
        [gov, memberships.ulises],
      )) as { before: unknown; after: unknown }[];
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [{ visibility: 'NETWORK' }, { visibility: 'PARTNERS', bulk: { role: 'FOCAL_POINT', memberState: null } }],
        [{ visibility: 'PARTNERS' }, { visibility: 'NETWORK', bulk: { role: null, memberState: 'UY' } }],
      ]);
    });

    it('another network changes nothing: a hidden membership or network answers like a missing one', async () => {
      const heraTerm = (
        (await t.dataSource.query(`SELECT id FROM membership WHERE person_id = $1`, [people.hera])) as { id: string }[]
      )[0].id;
      const hiddenOne = await t.gql(setOne(heraTerm, 'PUBLIC'), { token: strangerSecretariat, lang: 'es' });
      const missingOne = await t.gql(setOne(MISSING, 'PUBLIC'), { token: strangerSecretariat, lang: 'es' });
      expect(errorOf(hiddenOne)).toEqual({ code: 'NOT_FOUND', message: errorOf(missingOne).message });
      expect(code(missingOne)).toBe('NOT_FOUND');

      const hiddenMany = await t.gql(setMany({ networkId: hidden, visibility: 'PUBLIC' }), {
        token: strangerSecretariat,
      });
      const missingMany = await t.gql(setMany({ networkId: MISSING, visibility: 'PUBLIC' }), {
        token: strangerSecretariat,
      });
      expect(errorOf(hiddenMany)).toEqual(errorOf(missingMany));
      expect(code(hiddenMany)).toBe('NOT_FOUND');

      // Seen but not managed: the partner forum's member, the secretariat of a network it cannot manage.
      expect(code(await t.gql(setOne(memberships.gloria, 'PUBLIC'), { token: forumMember }))).toBe('FORBIDDEN');
      expect(code(await t.gql(setMany({ networkId: gov, visibility: 'PUBLIC' }), { token: forumMember }))).toBe(
        'FORBIDDEN',
      );
      expect(code(await t.gql(setOne(memberships.gloria, 'PUBLIC'), { token: hiddenSecretariat }))).toBe('NOT_FOUND');
      const [{ visibility }] = (await t.dataSource.query(`SELECT visibility FROM membership WHERE id = $1`, [
        heraTerm,
      ])) as { visibility: string }[];
      expect(visibility).toBe('NETWORK');
    });

    it('a bad filter is a localised field error, and nothing changes', async () => {
      const bad = await t.gql(setMany({ networkId: gov, memberState: 'ZZ', visibility: 'PUBLIC' }), {
        token: govSecretariat,
        lang: 'pt',
      });
      expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(bad.body.errors![0].extensions.fields![0].field).toBe('memberState');
      const publicOnes = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM membership WHERE network_id = $1 AND visibility = 'PUBLIC'`,
        [gov],
      )) as { n: number }[];
      expect(publicOnes[0].n).toBe(0);
    });
  });
  describe('the map of actors and relationships (item 18)', () => {
    const ids: Record<string, string> = {};
    const REL_FIELDS = `id type typeLabel startsOn endsOn visibility note source
      fromPerson { name } fromOrganisation { acronym } toPerson { name } toOrganisation { acronym }`;
    const list = (args: Record<string, unknown>, fields = REL_FIELDS): Operation => ({
      query: `query Rels($networkId: ID!, $types: [RelationshipType!], $personId: ID, $organisationId: ID,
        $countryCode: String, $from: String, $to: String, $first: Int, $after: String) {
        relationships(networkId: $networkId, types: $types, personId: $personId, organisationId: $organisationId,
          countryCode: $countryCode, from: $from, to: $to, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`,
      variables: args,
    });
    type Listed = { relationships: { totalCount: number; edges: { node: Record<string, unknown> }[] } };
    const typesOf = async (token: string, args: Record<string, unknown>, lang = 'en') => {
      const res = await t.gql<Listed>(list({ networkId: gov, ...args }), { token, lang });
      expect(code(res)).toBe('OK');
      return res.body.data!.relationships.edges.map((e) => e.node.type);
    };
    const link = async (input: Record<string, unknown>) => {
      const res = await t.gql<{ createRelationship: { id: string } }>(
        op.createRelationship({ networkId: gov, visibility: 'PARTNERS', ...input }),
        { token: govSecretariat },
      );
      expect(code(res)).toBe('OK');
      return res.body.data!.createRelationship.id;
    };
    const download = (token: string, query: string, lang = 'en') =>
      request(t.url)
        .get(`/directory/relationships/export?${query}`)
        .set('accept-language', lang)
        .set('authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((res, cb) => {
          let data = '';
          res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
          res.on('end', () => cb(null, data));
        });

    beforeAll(async () => {
      // Gloria is open to the partner forum; Olga is not (NETWORK), whatever the tests above did.
      await t.dataSource.query(`UPDATE membership SET visibility = 'PARTNERS' WHERE id = $1`, [memberships.gloria]);
      await t.dataSource.query(`UPDATE membership SET visibility = 'NETWORK' WHERE id = $1`, [memberships.olga]);
      ids.fund = (
        await insertOrganisation(t.dataSource, { name: 'Fondo para la Paz', acronym: 'FPP', countryCode: 'US' })
      ).id;
      ids.works = await link({
        type: 'WORKS_FOR',
        fromPersonId: people.gloria,
        toOrganisationId: people.ministry,
        startsOn: '2020-01-01',
        note: 'Directora de derechos humanos',
        source: 'Nota verbal 2020/14',
      });
      ids.funds = await link({
        type: 'FUNDS',
        fromOrganisationId: ids.fund,
        toOrganisationId: people.ministry,
        startsOn: '2022-03-01',
        endsOn: '2024-01-01',
      });
      ids.influences = await link({
        type: 'INFLUENCES',
        fromPersonId: people.olga,
        toPersonId: people.gloria,
        startsOn: '2023-05-01',
      });
      ids.coordinates = await link({
        type: 'COORDINATES_WITH',
        fromPersonId: people.olga,
        toOrganisationId: people.ministry,
        visibility: 'NETWORK',
      });
    });

    it('lists a network’s relationships newest first, filtered by type, end, country and period', async () => {
      const all = await t.gql<Listed>(list({ networkId: gov }), { token: govSecretariat, lang: 'es' });
      expect(all.body.data!.relationships.totalCount).toBe(4);
      expect(all.body.data!.relationships.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({
          type: 'INFLUENCES',
          typeLabel: 'Influye en',
          fromPerson: { name: 'Olga Observadora' },
        }),
        expect.objectContaining({ type: 'FUNDS', typeLabel: 'Financia a', fromOrganisation: { acronym: 'FPP' } }),
        expect.objectContaining({
          type: 'WORKS_FOR',
          typeLabel: 'Trabaja para',
          note: 'Directora de derechos humanos',
          source: 'Nota verbal 2020/14',
          fromPerson: { name: 'Gloria Benítez' },
        }),
        // No start date: last.
        expect.objectContaining({ type: 'COORDINATES_WITH', typeLabel: 'Coordina con', startsOn: null }),
      ]);
      expect(await typesOf(govSecretariat, { types: ['FUNDS', 'ADVISES'] })).toEqual(['FUNDS']);
      expect(await typesOf(govSecretariat, { personId: people.gloria })).toEqual(['INFLUENCES', 'WORKS_FOR']);
      expect(await typesOf(govSecretariat, { organisationId: people.ministry })).toEqual([
        'FUNDS',
        'WORKS_FOR',
        'COORDINATES_WITH',
      ]);
      expect(await typesOf(govSecretariat, { countryCode: 'US' })).toEqual(['FUNDS']);
      expect(await typesOf(govSecretariat, { countryCode: 'AR' })).toEqual(['INFLUENCES', 'COORDINATES_WITH']);
      // Running at some time from mid-2024 on: the funding had ended.
      expect(await typesOf(govSecretariat, { from: '2024-06-01' })).toEqual([
        'INFLUENCES',
        'WORKS_FOR',
        'COORDINATES_WITH',
      ]);
      expect(await typesOf(govSecretariat, { from: '2021-01-01', to: '2022-01-01' })).toEqual([
        'WORKS_FOR',
        'COORDINATES_WITH',
      ]);
      // Pages: two, then the rest.
      const first = await t.gql<{ relationships: { pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        list({ networkId: gov, first: 2 }, 'type'),
        { token: govSecretariat },
      );
      expect(first.body.data!.relationships.pageInfo.hasNextPage).toBe(true);
      expect(
        await typesOf(govSecretariat, { first: 2, after: first.body.data!.relationships.pageInfo.endCursor }),
      ).toEqual(['WORKS_FOR', 'COORDINATES_WITH']);
      // The new types in every language.
      for (const [lang, label] of [
        ['en', 'Funds'],
        ['pt', 'Financia'],
        ['fr', 'Finance'],
      ]) {
        const res = await t.gql<Listed>(list({ networkId: gov, types: ['FUNDS'] }, 'typeLabel'), {
          token: govSecretariat,
          lang,
        });
        expect(res.body.data!.relationships.edges[0].node.typeLabel).toBe(label);
      }
    });

    it('a note and a source are kept, changed and audited; bad filters and long notes are field errors', async () => {
      const update = (input: Record<string, unknown>, token = govSecretariat, lang = 'en') =>
        t.gql<{ updateRelationship: { note: string | null; source: string | null } }>(
          {
            query: `mutation U($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { note source } }`,
            variables: { input },
          },
          { token, lang },
        );
      const changed = await update({ id: ids.funds, source: 'Informe anual del fondo, 2023' });
      expect(changed.body.data!.updateRelationship).toEqual({ note: null, source: 'Informe anual del fondo, 2023' });
      const [entry] = (await t.dataSource.query(
        `SELECT network_id AS "networkId", before, after FROM audit_log WHERE entity_type = 'relationship' AND entity_id = $1 AND action = 'update'`,
        [ids.funds],
      )) as { networkId: string; before: unknown; after: unknown }[];
      expect(entry).toEqual({
        networkId: gov,
        before: { note: null, source: null },
        after: { note: null, source: 'Informe anual del fondo, 2023' },
      });
      const long = await update({ id: ids.funds, note: 'x'.repeat(2001) }, govSecretariat, 'es');
      expect(long.body.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'note', message: expect.stringContaining('2000') }],
      });
      const badFilter = await t.gql(list({ networkId: gov, countryCode: 'ZZ', from: '2024-13-01' }), {
        token: govSecretariat,
      });
      expect(badFilter.body.errors![0].extensions.fields!.map((f) => f.field)).toEqual(['countryCode', 'from']);
      // The partner forum reads but does not manage.
      expect(code(await update({ id: ids.works, note: 'x' }, forumMember))).toBe('FORBIDDEN');
    });

    it('a relationship to a person the caller may not see is left out: list, card and export', async () => {
      // The forum sees Gloria (PARTNERS) but not Olga (NETWORK): Olga's relationships, PARTNERS though they are, stay hidden.
      expect(await typesOf(forumMember, {})).toEqual(['FUNDS', 'WORKS_FOR']);
      expect(await typesOf(forumMember, { personId: people.olga })).toEqual([]);
      const card = await t.gql<{ person: { relationships: { type: string }[] } }>(
        op.person(people.gloria, 'relationships { type }'),
        { token: forumMember },
      );
      expect(card.body.data!.person.relationships.map((r) => r.type)).toEqual(['WORKS_FOR']);
      const ministry = await t.gql<{ organisation: { relationships: { type: string }[] } }>(
        {
          query: `query O($id: ID!) { organisation(id: $id) { relationships { type } } }`,
          variables: { id: people.ministry },
        },
        { token: forumMember },
      );
      expect(ministry.body.data!.organisation.relationships.map((r) => r.type).sort()).toEqual(['FUNDS', 'WORKS_FOR']);
      for (const format of ['csv', 'graphml', 'json']) {
        const res = await download(forumMember, `networkId=${gov}&format=${format}`);
        expect(res.status).toBe(200);
        expect(res.body as string).not.toContain('Olga');
        expect(res.body as string).not.toContain(people.olga);
      }
    });

    it('exports the graph as a CSV of edges, GraphML and a JSON graph, in the caller’s language', async () => {
      const csv = await download(govSecretariat, `networkId=${gov}&format=csv&type=WORKS_FOR&type=FUNDS`, 'es');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parse(csv.body as string, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.Source, r.Target, r.Type, r.Label, r.source_name, r.target_name])).toEqual([
        [
          `organisation:${ids.fund}`,
          `organisation:${people.ministry}`,
          'Directed',
          'Financia a',
          'Fondo para la Paz (FPP)',
          'Ministerio de Defensa',
        ],
        [
          `person:${people.gloria}`,
          `organisation:${people.ministry}`,
          'Directed',
          'Trabaja para',
          'Gloria Benítez',
          'Ministerio de Defensa',
        ],
      ]);
      expect(rows[1]).toMatchObject({
        starts_on: '2020-01-01',
        note: 'Directora de derechos humanos',
        reference: 'Nota verbal 2020/14',
      });

      const graphml = await download(govSecretariat, `networkId=${gov}&format=graphml`);
      expect(graphml.headers['content-type']).toBe('application/graphml+xml; charset=utf-8');
      const xml = graphml.body as string;
      expect(xml).toContain('<graph id="relationships" edgedefault="directed">');
      expect(xml.match(/<edge /g)).toHaveLength(4);
      expect(xml.match(/<node /g)).toHaveLength(4); // Gloria, Olga, the ministry, the fund
      expect(xml).toContain(
        `<edge id="${ids.influences}" source="person:${people.olga}" target="person:${people.gloria}">`,
      );

      const json = await download(govSecretariat, `networkId=${gov}&format=json&personId=${people.gloria}`, 'fr');
      const graph = JSON.parse(json.body as string) as {
        graph: {
          directed: boolean;
          nodes: Record<string, { label: string }>;
          edges: { source: string; target: string; relation: string; label: string }[];
        };
      };
      expect(graph.graph.directed).toBe(true);
      expect(graph.graph.edges.map((e) => [e.relation, e.label])).toEqual([
        ['INFLUENCES', 'Influence'],
        ['WORKS_FOR', 'Travaille pour'],
      ]);
      expect(Object.keys(graph.graph.nodes).sort()).toEqual(
        [`person:${people.gloria}`, `person:${people.olga}`, `organisation:${people.ministry}`].sort(),
      );

      const bad = await download(govSecretariat, `networkId=${gov}&format=gexf`, 'es');
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body as string).error.message).toContain('csv, graphml o json');
    });

    it('another network’s ids answer like missing ones, in every query, mutation and export', async () => {
      const hiddenList = await t.gql(list({ networkId: gov }), { token: strangerSecretariat });
      const missingList = await t.gql(list({ networkId: MISSING }), { token: strangerSecretariat });
      expect(code(hiddenList)).toBe('NOT_FOUND');
      expect(errorOf(hiddenList)).toEqual(errorOf(missingList));
      expect(errorOf(await t.gql(list({ networkId: hidden }), { token: strangerSecretariat }))).toEqual(
        errorOf(missingList),
      );

      const end = (id: string) =>
        t.gql(
          { query: `mutation E($id: ID!) { endRelationship(id: $id) { id } }`, variables: { id } },
          { token: strangerSecretariat },
        );
      const update = (id: string) =>
        t.gql(
          {
            query: `mutation U($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { id } }`,
            variables: { input: { id, note: 'x' } },
          },
          { token: strangerSecretariat },
        );
      for (const call of [end, update]) {
        const hiddenOne = await call(ids.works);
        expect(code(hiddenOne)).toBe('NOT_FOUND');
        expect(errorOf(hiddenOne)).toEqual(errorOf(await call(MISSING)));
      }
      // Its own network, another network's people: as if they did not exist.
      const stranger = (
        (await t.dataSource.query(`SELECT id FROM network WHERE slug = 'otra-red'`)) as { id: string }[]
      )[0].id;
      const withHidden = await t.gql(
        op.createRelationship({
          networkId: stranger,
          type: 'ADVISES',
          fromPersonId: people.olga,
          toPersonId: people.hera,
        }),
        { token: strangerSecretariat },
      );
      const withMissing = await t.gql(
        op.createRelationship({ networkId: stranger, type: 'ADVISES', fromPersonId: MISSING, toPersonId: people.hera }),
        { token: strangerSecretariat },
      );
      expect(withHidden.body.errors![0].extensions).toEqual(withMissing.body.errors![0].extensions);
      expect(code(withHidden)).toBe('BAD_USER_INPUT');

      const hiddenExport = await download(strangerSecretariat, `networkId=${gov}&format=csv`);
      const missingExport = await download(strangerSecretariat, `networkId=${MISSING}&format=csv`);
      expect(hiddenExport.status).toBe(404);
      expect([hiddenExport.status, hiddenExport.body]).toEqual([missingExport.status, missingExport.body]);
      expect(
        (await download(strangerSecretariat, `networkId=${gov}&format=json&personId=${people.gloria}`)).status,
      ).toBe(404);
      const untouched = (await t.dataSource.query(`SELECT note FROM directory_relationship WHERE id = $1`, [
        ids.works,
      ])) as { note: string }[];
      expect(untouched[0].note).toBe('Directora de derechos humanos');
    });
  });
});
