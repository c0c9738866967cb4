import { DataSource } from 'typeorm';
import {
  Actor,
  allOf,
  anonymousActor,
  audienceKeys,
  canSee,
  namedQuery,
  NETWORK_ROLES,
  NetworkRole,
  VISIBILITIES,
  Visibility,
} from '@enlace/core';
import {
  actorForSession,
  insertAccount,
  insertMembership,
  insertNetwork,
  insertPartnership,
  insertSession,
  testContext,
  TestContext,
} from '@enlace/testing';
import { DirectoryModule } from '../directory.module';
import { MembershipRepository } from '../memberships/membership.repository';
import { networkVisibleSql } from '../directory-sql.repository';
import { membershipVisibility, membershipVisibleByKeys } from '../memberships/membership.visibility';
import { PersonRepository } from '../people/person.repository';
import { readerKeysSql } from '../people/person.visibility';
import { NetworkRepository } from './network.repository';
import { NetworkService } from './network.service';

/**
 * The repositories' predicates on real rows, cell by cell, with actors resolved from real sessions
 * (memberships with current terms, partners), compared with a table written by hand and with `canSee`.
 */
describe('networks and memberships on PostgreSQL', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let networks: NetworkRepository;
  let memberships: MembershipRepository;

  async function actorFor(accountId: string): Promise<Actor> {
    return actorForSession(ds, await insertSession(ds, accountId));
  }

  beforeAll(async () => {
    ctx = await testContext({ imports: [DirectoryModule] });
    ds = ctx.dataSource;
    networks = ctx.get(NetworkRepository);
    memberships = ctx.get(MembershipRepository);
  });
  afterAll(async () => {
    await ctx.close();
  });

  describe('visibility, cell by cell', () => {
    type Viewer =
      'admin' | `own ${NetworkRole}` | 'partner member' | 'other-network member' | 'anonymous' | 'participant';
    const viewers = {} as Record<Viewer, Actor>;
    const recordNetworks = {} as Record<Visibility, string>;
    const xMemberships = {} as Record<Visibility, string>;
    let membersOf: Map<string, string[]>;
    let m: string;
    let x: string;

    /** Network records: owned by themselves, their current members are their participants. */
    const SEES_NETWORK: Record<Visibility, Viewer[]> = {
      PUBLIC: [
        'admin',
        ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer),
        'partner member',
        'other-network member',
        'anonymous',
        'participant',
      ],
      PARTNERS: ['admin', ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer), 'partner member'],
      NETWORK: ['admin', ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer)],
      RESTRICTED: ['admin', ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer)],
    };
    /** Memberships of X (whose terms have ended) in network M. */
    const SEES_MEMBERSHIP: Record<Visibility, Viewer[]> = {
      PUBLIC: SEES_NETWORK.PUBLIC,
      PARTNERS: ['admin', ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer), 'partner member', 'participant'],
      NETWORK: ['admin', ...NETWORK_ROLES.map((r) => `own ${r}` as Viewer), 'participant'],
      RESTRICTED: ['own SECRETARIAT', 'participant'],
    };

    beforeAll(async () => {
      const partner = await insertNetwork(ds, { slug: 'cells-partner' });
      const other = await insertNetwork(ds, { slug: 'cells-other' });
      m = (await insertNetwork(ds, { slug: 'cells-m', visibility: 'PUBLIC' })).id;
      await insertPartnership(ds, m, partner.id);
      for (const vis of VISIBILITIES) {
        recordNetworks[vis] = (await insertNetwork(ds, { slug: `cells-${vis.toLowerCase()}`, visibility: vis })).id;
        await insertPartnership(ds, recordNetworks[vis], partner.id);
      }
      const admin = await insertAccount(ds, { isAdmin: true });
      viewers.admin = await actorFor(admin.accountId);
      for (const role of NETWORK_ROLES) {
        const person = await insertAccount(ds);
        const memberState = role === 'FOCAL_POINT' || role === 'ALTERNATE_FOCAL_POINT' ? 'PY' : null;
        for (const networkId of [...Object.values(recordNetworks), m]) {
          await insertMembership(ds, { personId: person.personId, networkId, role, memberState });
        }
        viewers[`own ${role}`] = await actorFor(person.accountId);
      }
      const partnerMember = await insertAccount(ds);
      await insertMembership(ds, { personId: partnerMember.personId, networkId: partner.id, role: 'SECRETARIAT' });
      viewers['partner member'] = await actorFor(partnerMember.accountId);
      const otherMember = await insertAccount(ds);
      await insertMembership(ds, { personId: otherMember.personId, networkId: other.id, role: 'SECRETARIAT' });
      viewers['other-network member'] = await actorFor(otherMember.accountId);
      viewers.anonymous = anonymousActor('en');

      // X: former member everywhere (terms ended), so a participant of their own membership records only.
      const xPerson = await insertAccount(ds);
      x = xPerson.personId;
      const roles: NetworkRole[] = ['CIVIL_SOCIETY', 'TRAINER', 'OBSERVER', 'SECRETARIAT'];
      for (const [i, vis] of VISIBILITIES.entries()) {
        await insertMembership(ds, {
          personId: x,
          networkId: recordNetworks[vis],
          role: 'OBSERVER',
          startsOn: '2010-01-01',
          endsOn: '2011-01-01',
        });
        xMemberships[vis] = (
          await insertMembership(ds, {
            personId: x,
            networkId: m,
            role: roles[i],
            visibility: vis,
            startsOn: '2010-01-01',
            endsOn: '2011-01-01',
          })
        ).id;
      }
      viewers.participant = await actorFor(xPerson.accountId);
      expect(viewers.participant.memberships).toEqual([]);

      const rows = (await ds.query(
        `SELECT network_id, array_agg(person_id) AS people FROM membership
          WHERE starts_on <= current_date AND (ends_on IS NULL OR ends_on > current_date) GROUP BY network_id`,
      )) as { network_id: string; people: string[] }[];
      membersOf = new Map(rows.map((r) => [r.network_id, r.people]));
    });

    const allViewers = (): Viewer[] => Object.keys(viewers) as Viewer[];

    it('network records: load by ids, list and count show exactly the expected networks', async () => {
      for (const viewer of allViewers()) {
        const actor = viewers[viewer];
        const expected = VISIBILITIES.filter((v) => SEES_NETWORK[v].includes(viewer));
        const loaded = await networks.findVisibleByIds(actor, Object.values(recordNetworks));
        const loadedVis = VISIBILITIES.filter((v) => loaded.some((n) => n.id === recordNetworks[v]));
        const listed = await networks.list(actor, { first: 100, afterSlug: null });
        const listedVis = VISIBILITIES.filter((v) => listed.rows.some((n) => n.id === recordNetworks[v]));
        // canSee, with the network's current members as its participants (and administrators, see network.repository.ts)
        const twin = VISIBILITIES.filter((v) =>
          canSee(actor, {
            networkId: recordNetworks[v],
            visibility: v,
            participantIds: [...(membersOf.get(recordNetworks[v]) ?? []), ...(actor.isAdmin ? [actor.personId!] : [])],
          }),
        );
        expect({ viewer, loadedVis, listedVis, twin }).toEqual({
          viewer,
          loadedVis: expected,
          listedVis: expected,
          twin: expected,
        });
        expect(listed.totalCount).toBe(listed.rows.length);
      }
    });

    it('membership records: the list of M shows exactly the expected memberships of X', async () => {
      for (const viewer of allViewers()) {
        const actor = viewers[viewer];
        const expected = VISIBILITIES.filter((v) => SEES_MEMBERSHIP[v].includes(viewer));
        const { rows, totalCount } = await memberships.list(actor, { networkId: m, first: 100, after: null });
        const seen = VISIBILITIES.filter((v) => rows.some((r) => r.membership.id === xMemberships[v]));
        const twin = VISIBILITIES.filter((v) => canSee(actor, { networkId: m, visibility: v, participantIds: [x] }));
        expect({ viewer, seen, twin }).toEqual({ viewer, seen: expected, twin: expected });
        expect(totalCount).toBe(rows.length);
        for (const v of VISIBILITIES) {
          const one = await memberships.findVisibleById(actor, xMemberships[v]);
          expect({ viewer, v, found: one !== null }).toEqual({ viewer, v, found: expected.includes(v) });
        }
      }
    });

    it('membership records by audience keys: exactly the memberships the predicates show, in networks of every visibility', async () => {
      for (const viewer of allViewers()) {
        const actor = viewers[viewer];
        const byKeys = membershipVisibleByKeys(actor, 'vm', 'vn');
        const byPredicates = allOf([membershipVisibility(actor, 'vm'), networkVisibleSql(actor, 'vn')]);
        const visible = async (where: { sql: string; params: Record<string, unknown> }) =>
          (
            await namedQuery<{ id: string }>(
              ds.manager,
              `SELECT vm.id FROM membership vm JOIN network vn ON vn.id = vm.network_id WHERE ${where.sql} ORDER BY vm.id`,
              where.params,
            )
          ).map((r) => r.id);
        const all = (await ds.query(
          `SELECT m.id, m.person_id, m.network_id, m.visibility, n.visibility AS network_visibility
             FROM membership m JOIN network n ON n.id = m.network_id ORDER BY m.id`,
        )) as {
          id: string;
          person_id: string;
          network_id: string;
          visibility: Visibility;
          network_visibility: Visibility;
        }[];
        const twin = all
          .filter(
            (r) =>
              canSee(actor, { networkId: r.network_id, visibility: r.visibility, participantIds: [r.person_id] }) &&
              canSee(actor, {
                networkId: r.network_id,
                visibility: r.network_visibility,
                participantIds: [...(membersOf.get(r.network_id) ?? []), ...(actor.isAdmin ? [actor.personId!] : [])],
              }),
          )
          .map((r) => r.id);
        expect({ viewer, byKeys: await visible(byKeys), byPredicates: await visible(byPredicates) }).toEqual({
          viewer,
          byKeys: twin,
          byPredicates: twin,
        });
      }
    });

    /**
     * Every person of the fixture against every viewer, three ways that must agree with canSee (a
     * person is seen by themself, by whoever may see one of their memberships and its network, and
     * by administrators when they hold none): the audience keys the database keeps (`vis_keys`), the
     * SQL predicates on memberships and networks, and the repository's load by ids.
     */
    async function expectPeopleVisibility(step: string): Promise<void> {
      const rows = (await ds.query(
        `SELECT p.id, coalesce(json_agg(json_build_object('networkId', m.network_id, 'visibility', m.visibility,
                  'networkVisibility', n.visibility)) FILTER (WHERE m.id IS NOT NULL), '[]') AS memberships
           FROM person p LEFT JOIN membership m ON m.person_id = p.id LEFT JOIN network n ON n.id = m.network_id
          GROUP BY p.id ORDER BY p.id`,
      )) as {
        id: string;
        memberships: { networkId: string; visibility: Visibility; networkVisibility: Visibility }[];
      }[];
      const ids = rows.map((r) => r.id);
      const people = ctx.get(PersonRepository);
      for (const viewer of allViewers()) {
        const actor = viewers[viewer];
        const twin = rows
          .filter(
            (r) =>
              r.id === actor.personId ||
              (r.memberships.length === 0 && actor.isAdmin) ||
              r.memberships.some(
                (m) =>
                  canSee(actor, { networkId: m.networkId, visibility: m.visibility, participantIds: [r.id] }) &&
                  canSee(actor, {
                    networkId: m.networkId,
                    visibility: m.networkVisibility,
                    participantIds: [
                      ...(membersOf.get(m.networkId) ?? []),
                      ...(actor.isAdmin ? [actor.personId!] : []),
                    ],
                  }),
              ),
          )
          .map((r) => r.id);
        const byKeys = (
          (await ds.query(`SELECT id FROM person WHERE vis_keys && $1::text[] ORDER BY id`, [audienceKeys(actor)])) as {
            id: string;
          }[]
        ).map((r) => r.id);
        const visible = allOf([membershipVisibility(actor, 'vm'), networkVisibleSql(actor, 'vn')]);
        const memberships = {
          sql: `EXISTS (SELECT 1 FROM membership vm JOIN network vn ON vn.id = vm.network_id
                 WHERE vm.person_id = p.id AND ${visible.sql})`,
          params: visible.params,
        };
        const self = actor.personId ? `p.id = CAST(:self AS uuid) OR ` : '';
        const admin = actor.isAdmin ? ` OR NOT EXISTS (SELECT 1 FROM membership am WHERE am.person_id = p.id)` : '';
        const bySql = (
          await namedQuery<{ id: string }>(
            ds.manager,
            `SELECT p.id FROM person p WHERE ${self}${memberships.sql}${admin} ORDER BY p.id`,
            { ...memberships.params, self: actor.personId },
          )
        ).map((r) => r.id);
        const loaded = (await people.findVisibleByIds(actor, ids)).map((p) => p.id).sort();
        expect({ step, viewer, byKeys, bySql, loaded }).toEqual({
          step,
          viewer,
          byKeys: twin,
          bySql: twin,
          loaded: twin,
        });
      }
      const [{ stale }] = (await ds.query(
        `SELECT count(*)::int AS stale FROM person WHERE vis_keys IS DISTINCT FROM directory_person_keys(id)`,
      )) as { stale: number }[];
      expect({ step, stale }).toEqual({ step, stale: 0 });
    }

    it('person records: the audience keys the triggers keep agree with canSee and the SQL predicates, through every change', async () => {
      // Y: one ended membership of each visibility in a network of each visibility; Z: no membership.
      const y = {} as Record<string, { person: string; membership: string }>;
      for (const networkVisibility of VISIBILITIES) {
        for (const visibility of VISIBILITIES) {
          const [{ id: person }] = (await ds.query(`INSERT INTO person (name) VALUES ($1) RETURNING id`, [
            `Y ${visibility} in ${networkVisibility}`,
          ])) as { id: string }[];
          const { id: membership } = await insertMembership(ds, {
            personId: person,
            networkId: recordNetworks[networkVisibility],
            role: 'OBSERVER',
            visibility,
            startsOn: '2012-01-01',
            endsOn: '2013-01-01',
          });
          y[`${visibility}/${networkVisibility}`] = { person, membership };
        }
      }
      await ds.query(`INSERT INTO person (name) VALUES ('Z')`);
      await expectPeopleVisibility('inserted');

      for (const visibility of ['RESTRICTED', 'PARTNERS', 'NETWORK', 'PUBLIC'] as Visibility[]) {
        await ds.query(`UPDATE network SET visibility = $2 WHERE id = $1`, [recordNetworks.PUBLIC, visibility]);
        await expectPeopleVisibility(`PUBLIC network made ${visibility}`);
      }
      await ds.query(`UPDATE membership SET visibility = 'PUBLIC' WHERE id = $1`, [y['RESTRICTED/PUBLIC'].membership]);
      await expectPeopleVisibility('a RESTRICTED membership made PUBLIC');
      await ds.query(`UPDATE membership SET network_id = $2 WHERE id = $1`, [
        y['PARTNERS/PUBLIC'].membership,
        recordNetworks.NETWORK,
      ]);
      await expectPeopleVisibility('a membership moved to another network');
      await ds.query(`UPDATE membership SET person_id = $2 WHERE id = $1`, [
        y['PUBLIC/PUBLIC'].membership,
        y['RESTRICTED/RESTRICTED'].person,
      ]);
      await expectPeopleVisibility('a membership moved to another person');
      await ds.query(`DELETE FROM membership WHERE id = $1`, [y['NETWORK/NETWORK'].membership]);
      await expectPeopleVisibility('a last membership deleted');
      await ds.query(`UPDATE membership SET ends_on = NULL, starts_on = '2012-01-01' WHERE id = $1`, [
        y['NETWORK/PARTNERS'].membership,
      ]);
      await expectPeopleVisibility('a term reopened');
      const throwaway = await insertNetwork(ds, { slug: 'cells-throwaway', visibility: 'PUBLIC' });
      await insertMembership(ds, {
        personId: y['RESTRICTED/NETWORK'].person,
        networkId: throwaway.id,
        role: 'OBSERVER',
        visibility: 'PUBLIC',
      });
      await expectPeopleVisibility('a PUBLIC membership added');
      await ds.query(`DELETE FROM network WHERE id = $1`, [throwaway.id]);
      await expectPeopleVisibility('a network deleted');
    });
  });

  describe('reader keys', () => {
    it('readerKeysSql gives each person exactly the keys a request of theirs holds (audienceKeys of the session’s actor)', async () => {
      const net = await insertNetwork(ds, { slug: 'reader-keys' });
      const second = await insertNetwork(ds, { slug: 'reader-keys-second' });
      const partner = await insertNetwork(ds, { slug: 'reader-keys-partner' });
      await insertPartnership(ds, net.id, partner.id);
      const people: Record<string, { personId: string; accountId: string }> = {
        'administrator, no term': await insertAccount(ds, { isAdmin: true }),
        'administrator and secretariat': await insertAccount(ds, { isAdmin: true }),
        'member of a partner': await insertAccount(ds),
        'two networks, two roles': await insertAccount(ds),
        'past and future terms only': await insertAccount(ds),
        'no term': await insertAccount(ds),
      };
      await insertMembership(ds, {
        personId: people['administrator and secretariat'].personId,
        networkId: net.id,
        role: 'SECRETARIAT',
      });
      await insertMembership(ds, {
        personId: people['member of a partner'].personId,
        networkId: partner.id,
        role: 'OBSERVER',
      });
      await insertMembership(ds, {
        personId: people['two networks, two roles'].personId,
        networkId: second.id,
        role: 'SECRETARIAT',
      });
      for (const networkId of [net.id, second.id]) {
        await insertMembership(ds, {
          personId: people['past and future terms only'].personId,
          networkId,
          role: 'SECRETARIAT',
          startsOn: '2010-01-01',
          endsOn: '2011-01-01',
        });
      }
      await insertMembership(ds, {
        personId: people['past and future terms only'].personId,
        networkId: partner.id,
        role: 'SECRETARIAT',
        startsOn: '2999-01-01',
      });
      for (const role of NETWORK_ROLES) {
        const person = await insertAccount(ds);
        const memberState = role === 'FOCAL_POINT' || role === 'ALTERNATE_FOCAL_POINT' ? 'PY' : null;
        await insertMembership(ds, { personId: person.personId, networkId: net.id, role, memberState });
        if (role === 'TRAINER') {
          await insertMembership(ds, { personId: people['two networks, two roles'].personId, networkId: net.id, role });
        }
        people[`own ${role}`] = person;
      }
      for (const [kind, person] of Object.entries(people)) {
        const actor = await actorFor(person.accountId);
        const [row] = (await ds.query(`SELECT ${readerKeysSql('CAST($1 AS uuid)')} AS keys`, [person.personId])) as {
          keys: string[];
        }[];
        expect({ kind, keys: [...new Set(row.keys)].sort() }).toEqual({ kind, keys: audienceKeys(actor) });
      }
    });
  });

  describe('optimistic concurrency', () => {
    it('a writer that read the same version loses to the one that committed first, at the UPDATE itself', async () => {
      const admin = await actorFor((await insertAccount(ds, { isAdmin: true })).accountId);
      const { id } = await insertNetwork(ds, { slug: 'race', visibility: 'PUBLIC' });
      const service = ctx.get(NetworkService);

      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstUpdated!: () => void;
      const firstHasUpdated = new Promise<void>((resolve) => (firstUpdated = resolve));
      // Writer 1 updates version 1 and keeps its transaction (and the row lock) open.
      const first = ds.transaction(async (tx) => {
        const updated = await networks.updateIfVersion(tx, id, 1, { visibility: 'NETWORK' });
        firstUpdated();
        await held;
        return updated;
      });
      await firstHasUpdated;
      // Writer 2 reads version 1 (writer 1 has not committed), passes the early check, then waits on the row.
      const second = service.update(admin, { id, expectedVersion: 1, visibility: 'RESTRICTED' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      expect((await first)?.version).toBe(2);
      await expect(second).rejects.toMatchObject({ code: 'CONFLICT' });

      const [row] = (await ds.query(`SELECT visibility, version FROM network WHERE id = $1`, [id])) as {
        visibility: string;
        version: number;
      }[];
      expect(row).toEqual({ visibility: 'NETWORK', version: 2 });
      const audit = (await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [id])) as {
        n: number;
      }[];
      expect(audit[0].n).toBe(0);
    });
  });

  describe('partnerships', () => {
    it('are stored in both directions, once, whichever side is named first', async () => {
      const a = await insertNetwork(ds);
      const b = await insertNetwork(ds);
      expect(await ds.transaction((tx) => networks.addPartnership(tx, b.id, a.id))).toBe(true);
      expect(await ds.transaction((tx) => networks.addPartnership(tx, a.id, b.id))).toBe(false);
      const rows = (await ds.query(
        `SELECT network_id, partner_id FROM network_partner WHERE network_id IN ($1, $2) ORDER BY network_id`,
        [a.id, b.id],
      )) as { network_id: string; partner_id: string }[];
      expect(rows.map((r) => [r.network_id, r.partner_id]).sort()).toEqual(
        [
          [a.id, b.id],
          [b.id, a.id],
        ].sort(),
      );
      expect(await ds.transaction((tx) => networks.removePartnership(tx, b.id, a.id))).toBe(true);
      expect(await ds.transaction((tx) => networks.removePartnership(tx, a.id, b.id))).toBe(false);
    });
  });
});
