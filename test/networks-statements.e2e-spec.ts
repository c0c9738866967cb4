import { insertAccount, insertMembership, insertNetwork, insertPartnership } from '@enlace/testing';
import { signedInMember } from './support/members';
import type { Operation } from './support/test-app';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SPEC §6: SQL statements per request are bounded, independent of page size. Every statement the
 * api sends goes through TypeORM's logger (`logQuery`), so the test counts them there.
 */
describe('SQL statements per request (no N+1)', () => {
  let t: TestApp;
  let token: string;
  let hub: { id: string };
  const statements: string[] = [];

  async function count(operation: Operation): Promise<{ statements: string[]; body: unknown }> {
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    statements.length = 0;
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    try {
      const res = await t.gql(operation, { token, lang: 'es' });
      expect(res.body.errors).toBeUndefined();
      return { statements: [...statements], body: res.body };
    } finally {
      logger.logQuery = original;
    }
  }

  const networksPage = (first: number): Operation => ({
    query: `query ($first: Int) { networks(first: $first) { totalCount edges { node {
      id slug name { text language } partners { id slug name { text } } } } } }`,
    variables: { first },
  });

  const membershipsPage = (first: number): Operation => ({
    query: `query ($id: ID!, $first: Int) { network(id: $id) { id memberships(first: $first) { totalCount edges { node {
      id role person { id name } network { id slug partners { id } } } } } } }`,
    variables: { id: hub.id, first },
  });

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    hub = await insertNetwork(ds, { slug: 'aaa-hub' });
    token = (await signedInMember(t, { name: 'Viewer', networkId: hub.id, role: 'SECRETARIAT' })).token;
    const spokes: { id: string }[] = [];
    for (let i = 0; i < 60; i += 1) {
      const spoke = await insertNetwork(ds, { slug: `spoke-${String(i).padStart(2, '0')}` });
      spokes.push(spoke);
      await insertPartnership(ds, hub.id, spoke.id);
      if (i > 0) await insertPartnership(ds, spokes[i - 1].id, spoke.id);
      const member = await insertAccount(ds, { name: `Member ${String(i).padStart(2, '0')}` });
      await insertMembership(ds, { personId: member.personId, networkId: hub.id, role: 'OBSERVER' });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('a page of networks with their partners costs the same for 5 and for 50 networks', async () => {
    const five = await count(networksPage(5));
    const fifty = await count(networksPage(50));
    expect(JSON.stringify(fifty.body).match(/"partners"/g)).toHaveLength(50);
    // session lookup, count, page, partners of the whole page
    expect(five.statements).toHaveLength(4);
    expect(fifty.statements).toHaveLength(five.statements.length);
  });

  it('a page of memberships with person and network costs the same for 5 and for 50 memberships', async () => {
    const five = await count(membershipsPage(5));
    const fifty = await count(membershipsPage(50));
    expect(JSON.stringify(fifty.body).match(/"person"/g)).toHaveLength(50);
    // session lookup, the network, count, page, people of the page, networks of the page, their partners
    expect(five.statements).toHaveLength(7);
    expect(fifty.statements).toHaveLength(five.statements.length);
  });

  it('`me { id name }` costs only the session lookup; the profile is read once, only when asked for', async () => {
    const light = await count({ query: '{ me { id name isAdmin } }' });
    expect(light.body).toEqual({ data: { me: { id: expect.any(String), name: 'Viewer', isAdmin: false } } });
    expect(light.statements).toHaveLength(1);
    const full = await count({ query: '{ me { id email preferredLanguage memberships { role } } }' });
    expect(full.statements).toHaveLength(2);
  });
});
