import { Client } from 'pg';
import { insertDirectoryPerson, insertNetwork, insertOrganisation } from '@enlace/testing';
import { signedInMember } from './support/members';
import type { Operation } from './support/test-app';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §6: a page of people with their organisation, country and memberships costs a small, fixed
 * number of SQL statements, the same for 5 and for 100 people (no N+1), whatever the data: here no
 * organisation is in its people's countries, so their countries are other countries. Counted at the
 * driver (every statement node-postgres sends, whoever sends it). Countries are reference data read
 * once per process (the first page below reads them all): no page pays a statement for them.
 */
describe('directory: SQL statements per page of people', () => {
  let t: TestApp;
  let token: string;
  let network: { id: string };
  const statements: string[] = [];

  async function count(operation: Operation): Promise<{ statements: string[]; body: unknown }> {
    const original = Client.prototype.query;
    statements.length = 0;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      statements.push(typeof config === 'string' ? config : config.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const res = await t.gql(operation, { token, lang: 'fr' });
      expect(res.body.errors).toBeUndefined();
      return { statements: [...statements], body: res.body };
    } finally {
      Client.prototype.query = original;
    }
  }

  const page = (first: number, text?: string): Operation => ({
    query: `query ($first: Int, $networkId: ID, $text: String) {
      people(first: $first, networkId: $networkId, text: $text) { totalCount edges { node {
        id name organisation { id name { text } acronym country { code name } }
        country { code name region }
        memberships { id role memberState startsOn endsOn network { id slug } } } } } }`,
    variables: { first, networkId: network.id, text },
  });

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    network = await insertNetwork(ds, { slug: 'big-network' });
    const second = await insertNetwork(ds, { slug: 'second-network' });
    token = (await signedInMember(t, { name: 'Viewer', networkId: network.id, role: 'SECRETARIAT' })).token;
    const countries = ['PE', 'PY', 'AR', 'BR', 'MX', 'CO', 'CL', 'UY', 'EC', 'BO'];
    const organisationCountries = ['FR', 'ES', 'PT', 'DE', 'IT', 'BE', 'NL', 'CH', 'AT', 'IE'];
    const organisations = [];
    for (let i = 0; i < 20; i += 1) {
      organisations.push(
        await insertOrganisation(ds, {
          name: `Ministry ${i}`,
          acronym: `M${i}`,
          countryCode: organisationCountries[i % 10],
        }),
      );
    }
    await ds.query('BEGIN');
    for (let i = 0; i < 120; i += 1) {
      await insertDirectoryPerson(ds, {
        name: `Person ${String(i).padStart(3, '0')}`,
        countryCode: countries[i % 10],
        organisationId: organisations[i % 20].id,
        memberships: [
          { networkId: network.id, role: 'OBSERVER', startsOn: '2020-01-01', endsOn: '2022-01-01' },
          { networkId: network.id, role: 'CIVIL_SOCIETY', startsOn: '2022-01-01' },
          { networkId: second.id, role: 'OBSERVER', visibility: 'PUBLIC' },
        ],
      });
    }
    await ds.query('COMMIT');
    // Relationships: each person works for their organisation and advises the next person.
    await ds.query(
      `INSERT INTO directory_relationship (network_id, type, from_person_id, to_organisation_id, starts_on, visibility)
       SELECT $1, 'WORKS_FOR', p.id, p.organisation_id, DATE '2020-01-01' + (row_number() OVER (ORDER BY p.name))::int, 'NETWORK'
         FROM person p WHERE p.name LIKE 'Person %'`,
      [network.id],
    );
    await ds.query(
      `INSERT INTO directory_relationship (network_id, type, from_person_id, to_person_id, visibility)
       SELECT $1, 'ADVISES', p.id, lead(p.id) OVER (ORDER BY p.name), 'NETWORK' FROM person p WHERE p.name LIKE 'Person %'
       ORDER BY p.name LIMIT 119`,
      [network.id],
    );
    const first = await count(page(5));
    expect(first.statements.filter((q) => /FROM country\b/.test(q))).toHaveLength(1); // every country, once
  });
  afterAll(async () => {
    await t.close();
  });

  it('a page of 100 people with organisation, country and memberships costs the same as a page of 5', async () => {
    const five = await count(page(5));
    const hundred = await count(page(100));
    const body = JSON.stringify(hundred.body);
    expect(body.match(/"memberships"/g)).toHaveLength(100);
    expect(body.match(/"region"/g)).toHaveLength(100);
    for (const code of ['"FR"', '"PE"']) expect(body).toContain(code); // organisations' and people's countries
    // session; the page with its total count and its people's organisations; memberships of the page;
    // networks of those memberships (the countries of the people and organisations: read once per process)
    expect(hundred.statements).toHaveLength(4);
    expect(five.statements).toHaveLength(hundred.statements.length);
  });

  it('a text search costs the same (countries named by the text are part of the page statement), whatever the page size', async () => {
    const five = await count(page(5, 'person'));
    const hundred = await count(page(100, 'person'));
    expect(JSON.stringify(hundred.body).match(/"memberships"/g)).toHaveLength(100);
    expect(hundred.statements).toHaveLength(4);
    expect(five.statements).toHaveLength(hundred.statements.length);
  });

  it('so does a search that only the fuzzy retry answers', async () => {
    const fuzzy = await count(page(100, 'persom'));
    expect(JSON.stringify(fuzzy.body).match(/"memberships"/g)).toHaveLength(100);
    expect(fuzzy.statements).toHaveLength(4);
  });
  it('brings the organisations along only for callers who may read them (members and administrators)', async () => {
    type Nodes = { people: { edges: { node: { name: string; organisation: { acronym: string } | null } }[] } };
    const query = {
      query: '{ people(first: 5, text: "person") { edges { node { name organisation { acronym } } } } }',
    };
    const member = await t.gql<Nodes>(query, { token });
    expect(member.body.data?.people.edges.map((e) => e.node.organisation?.acronym)).toEqual([
      'M0',
      'M1',
      'M2',
      'M3',
      'M4',
    ]);
    // Anonymous: the people of the public memberships, without the shared records.
    const anonymous = await t.gql<Nodes>(query);
    expect(anonymous.body.errors).toBeUndefined();
    const nodes = anonymous.body.data?.people.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.name)).toEqual(['Person 000', 'Person 001', 'Person 002', 'Person 003', 'Person 004']);
    expect(nodes.map((n) => n.organisation)).toEqual([null, null, null, null, null]);
  });

  it('a page of 100 relationships with both ends costs the same as a page of 5', async () => {
    const relationships = (first: number): Operation => ({
      query: `query ($first: Int, $networkId: ID!) {
        relationships(first: $first, networkId: $networkId) { totalCount edges { node {
          id type typeLabel fromPerson { id name } toPerson { id name } toOrganisation { id acronym } } } } }`,
      variables: { first, networkId: network.id },
    });
    const five = await count(relationships(5));
    const hundred = await count(relationships(100));
    expect(JSON.stringify(hundred.body).match(/"typeLabel"/g)).toHaveLength(100);
    // session; the network; the page with its total count; the people at the ends; the organisations
    expect(hundred.statements).toHaveLength(6);
    expect(five.statements).toHaveLength(hundred.statements.length);
  });
});
