import { DataSource } from 'typeorm';
import { Actor } from '@enlace/core';
import {
  actorForSession,
  ENGINES,
  insertAccount,
  insertDirectoryPerson,
  insertMembership,
  insertNetwork,
  insertOrganisation,
  insertPartnership,
  insertSession,
  testContext,
  TestContext,
} from '@enlace/testing';
import { DirectoryModule } from '../directory.module';
import { MembershipService } from '../memberships/membership.service';
import { PersonSearchService } from '../people/person-search.service';
import { RelationshipGraphService } from './relationship-graph.service';
import { RelationshipService } from './relationship.service';

/**
 * The actor map's SQL on both engines (the embedded PGlite is the default deployment): a bulk
 * visibility change moves the search's visibility keys in the same statement, and a relationship
 * shows only with both of its ends.
 */
describe.each(ENGINES)('relationships and membership visibility on %s', (engine) => {
  let ctx: TestContext;
  let ds: DataSource;
  let secretariat: Actor;
  let partner: Actor;
  let gov: string;
  const people: Record<string, string> = {};

  const actorOf = async (networkId: string, role: string): Promise<Actor> => {
    const account = await insertAccount(ds);
    await insertMembership(ds, { personId: account.personId, networkId, role });
    return actorForSession(ds, await insertSession(ds, account.accountId), 'es');
  };

  beforeAll(async () => {
    ctx = await testContext({ engine, imports: [DirectoryModule] });
    ds = ctx.dataSource;
    gov = (await insertNetwork(ds, { visibility: 'PARTNERS' })).id;
    const forum = (await insertNetwork(ds)).id;
    await insertPartnership(ds, gov, forum);
    secretariat = await actorOf(gov, 'SECRETARIAT');
    partner = await actorOf(forum, 'CIVIL_SOCIETY');
    for (const [key, name, role, memberState] of [
      ['fp', 'Gloria Focal', 'FOCAL_POINT', 'PY'],
      ['obs', 'Olga Observadora', 'OBSERVER', null],
    ] as const) {
      people[key] = (
        await insertDirectoryPerson(ds, { name, memberships: [{ networkId: gov, role, memberState }] })
      ).id;
    }
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('setMembershipsVisibility opens the focal points to partners, in the search at once', async () => {
    const search = ctx.get(PersonSearchService);
    const names = async () => (await search.search(partner, { networkId: gov })).items.map((p) => p.name);
    expect(await names()).toEqual([]);
    expect(
      await ctx.get(MembershipService).setVisibilityOf(secretariat, {
        networkId: gov,
        role: 'FOCAL_POINT',
        visibility: 'PARTNERS',
      }),
    ).toBe(1);
    expect(await names()).toEqual(['Gloria Focal']);
  });

  it('a relationship shows only with both of its ends, in the list and in the graph', async () => {
    const relationships = ctx.get(RelationshipService);
    const ministry = (await insertOrganisation(ds, { name: 'Ministerio', countryCode: 'PY' })).id;
    for (const input of [
      { type: 'WORKS_FOR', fromPersonId: people.fp, toOrganisationId: ministry, startsOn: '2020-01-01' },
      { type: 'INFLUENCES', fromPersonId: people.obs, toPersonId: people.fp, startsOn: '2021-01-01' },
    ]) {
      await relationships.create(secretariat, { networkId: gov, visibility: 'PARTNERS', ...input });
    }
    const types = async (actor: Actor, filter: Record<string, string> = {}) =>
      (await relationships.list(actor, { networkId: gov, ...filter })).items.map((r) => r.type);
    expect(await types(secretariat)).toEqual(['INFLUENCES', 'WORKS_FOR']);
    expect(await types(secretariat, { countryCode: 'PY', from: '2020-06-01', to: '2020-07-01' })).toEqual([
      'WORKS_FOR',
    ]);
    expect(await types(partner)).toEqual(['WORKS_FOR']);
    const graph = await ctx.get(RelationshipGraphService).export(partner, 'json', { networkId: gov });
    expect(graph.body).toContain('Ministerio');
    expect(graph.body).not.toContain(people.obs);
  });
});
