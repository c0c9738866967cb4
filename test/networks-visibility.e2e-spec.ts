import { insertMembership, insertNetwork, insertPartnership } from '@enlace/testing';
import { signedInMember } from './support/members';
import {
  addMembership,
  addNetworkPartner,
  auditLog,
  AuditEntryData,
  ConnectionData,
  network,
  networkMemberships,
  networkPartners,
  networks,
  updateNetwork,
} from './support/networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

/**
 * "A member of one network cannot read another network's restricted records by any route" (SPEC §3):
 * every route that can reach a network or a membership is tried by every kind of caller, and must
 * show exactly what the visibility predicate allows — the rest answers like records that do not exist.
 */

const VISIBILITIES = ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'] as const;
type Vis = (typeof VISIBILITIES)[number];

type Viewer = 'admin' | 'aSecretariat' | 'aMember' | 'bSecretariat' | 'bMember' | 'oMember' | 'anonymous';
const VIEWERS: Viewer[] = ['admin', 'aSecretariat', 'aMember', 'bSecretariat', 'bMember', 'oMember', 'anonymous'];

/**
 * Network B<vis> (one per visibility) is a partner of network A; O is unrelated. Who sees B<vis>, by
 * hand: B's own members see every B (on a RESTRICTED network its members are its participants), A's
 * members see PUBLIC and PARTNERS ones, O's members and anonymous callers only PUBLIC ones;
 * administrators see every network (they staff even RESTRICTED ones).
 */
const SEES_NETWORK: Record<Viewer, Vis[]> = {
  admin: ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'],
  aSecretariat: ['PUBLIC', 'PARTNERS'],
  aMember: ['PUBLIC', 'PARTNERS'],
  bSecretariat: ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'],
  bMember: ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'],
  oMember: ['PUBLIC'],
  anonymous: ['PUBLIC'],
};

/**
 * Memberships of person X in network M (PUBLIC, partner of A, with B's people as members), one per
 * visibility. Administrators do not read RESTRICTED records; X sees all their own.
 */
type MembershipViewer = Viewer | 'x';
const SEES_MEMBERSHIP: Record<MembershipViewer, Vis[]> = {
  admin: ['PUBLIC', 'PARTNERS', 'NETWORK'],
  aSecretariat: ['PUBLIC', 'PARTNERS'],
  aMember: ['PUBLIC', 'PARTNERS'],
  bSecretariat: ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'],
  bMember: ['PUBLIC', 'PARTNERS', 'NETWORK'],
  oMember: ['PUBLIC'],
  anonymous: ['PUBLIC'],
  x: ['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'],
};

const ROLE_FOR: Record<Vis, { role: string; memberState?: string }> = {
  PUBLIC: { role: 'CIVIL_SOCIETY' },
  PARTNERS: { role: 'TRAINER' },
  NETWORK: { role: 'OBSERVER' },
  RESTRICTED: { role: 'FOCAL_POINT', memberState: 'PY' },
};

describe('visibility of networks and memberships, by every route', () => {
  let t: TestApp;
  const tokens: Partial<Record<MembershipViewer, string>> = {};
  const b = {} as Record<Vis, { id: string; slug: string }>;
  const xMembership = {} as Record<Vis, string>;
  let a: { id: string; slug: string };
  let o: { id: string; slug: string };
  let m: { id: string; slug: string };

  const as = (viewer: MembershipViewer) => ({ token: tokens[viewer] });

  async function person(name: string, isAdmin = false) {
    return signedInMember(t, { name, isAdmin });
  }

  /** NOT_FOUND exactly as for a record that does not exist; `data` is null when the field is non-null. */
  function notFound(res: GraphqlResponse, field: string, nullableField = true): void {
    expect({ data: res.body.data, errors: res.body.errors }).toEqual({
      data: nullableField ? { [field]: null } : null,
      errors: [
        { message: 'Not found.', path: [field], locations: expect.any(Array), extensions: { code: 'NOT_FOUND' } },
      ],
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    a = await insertNetwork(ds, { slug: 'a-network', visibility: 'PUBLIC' });
    o = await insertNetwork(ds, { slug: 'o-network', visibility: 'PUBLIC' });
    m = await insertNetwork(ds, { slug: 'm-network', visibility: 'PUBLIC' });
    for (const vis of VISIBILITIES) {
      b[vis] = await insertNetwork(ds, { slug: `b-${vis.toLowerCase()}`, visibility: vis });
      await insertPartnership(ds, a.id, b[vis].id);
    }
    await insertPartnership(ds, a.id, m.id);

    const admin = await person('Admin', true);
    const aSecretariat = await person('A secretariat');
    const aMember = await person('A member');
    const bSecretariat = await person('B secretariat');
    const bMember = await person('B member');
    const oMember = await person('O member');
    const x = await person('X');
    Object.assign(tokens, {
      admin: admin.token,
      aSecretariat: aSecretariat.token,
      aMember: aMember.token,
      bSecretariat: bSecretariat.token,
      bMember: bMember.token,
      oMember: oMember.token,
      x: x.token,
    });
    await insertMembership(ds, { personId: aSecretariat.personId, networkId: a.id, role: 'SECRETARIAT' });
    await insertMembership(ds, { personId: aMember.personId, networkId: a.id, role: 'CIVIL_SOCIETY' });
    await insertMembership(ds, { personId: oMember.personId, networkId: o.id, role: 'CIVIL_SOCIETY' });
    for (const network of [...Object.values(b), m]) {
      await insertMembership(ds, { personId: bSecretariat.personId, networkId: network.id, role: 'SECRETARIAT' });
      await insertMembership(ds, { personId: bMember.personId, networkId: network.id, role: 'OBSERVER' });
    }
    // Changes through the API, so that every B network has audit entries that must stay hidden.
    for (const vis of VISIBILITIES) {
      const res = await t.gql(updateNetwork({ id: b[vis].id, expectedVersion: 1, kind: 'MIXED' }), as('bSecretariat'));
      expect(res.body.errors).toBeUndefined();
      const added = await t.gql<{ addMembership: { id: string } }>(
        addMembership({ networkId: m.id, personId: x.personId, visibility: vis, ...ROLE_FOR[vis] }),
        // x is in no network yet: only an administrator names them by id (others invite them).
        as('admin'),
      );
      expect(added.body.errors).toBeUndefined();
      xMembership[vis] = added.body.data!.addMembership.id;
    }
    // A PUBLIC membership inside a RESTRICTED network stays as hidden as its network.
    await t.gql(
      addMembership({ networkId: b.RESTRICTED.id, personId: x.personId, role: 'CIVIL_SOCIETY', visibility: 'PUBLIC' }),
      as('admin'),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(VIEWERS)('%s', (viewer) => {
    const visible = () => SEES_NETWORK[viewer];

    it.each(VISIBILITIES)('network(id) and network(slug) of a %s network', async (vis) => {
      const byId = await t.gql<{ network: { id: string } }>(network({ id: b[vis].id }, 'id'), as(viewer));
      const bySlug = await t.gql<{ network: { id: string } }>(network({ slug: b[vis].slug }, 'id'), as(viewer));
      if (visible().includes(vis)) {
        expect(byId.body).toEqual({ data: { network: { id: b[vis].id } } });
        expect(bySlug.body).toEqual({ data: { network: { id: b[vis].id } } });
      } else {
        notFound(byId, 'network');
        notFound(bySlug, 'network');
      }
    });

    it('the networks list and its totalCount', async () => {
      const res = await t.gql<{ networks: ConnectionData<{ slug: string }> }>(networks({ first: 100 }), as(viewer));
      const slugs = res.body.data!.networks.edges.map((e) => e.node.slug);
      const expected = ['a-network', 'm-network', 'o-network', ...visible().map((v) => b[v].slug)].sort();
      expect(slugs).toEqual(expected);
      expect(res.body.data!.networks.totalCount).toBe(expected.length);
    });

    it('the partners of a network', async () => {
      const res = await t.gql<{ network: { partners: { slug: string }[] } }>(networkPartners(a.id), as(viewer));
      expect(res.body.data!.network.partners.map((p) => p.slug)).toEqual(
        [...visible().map((v) => b[v].slug), 'm-network'].sort(),
      );
    });

    it.each(VISIBILITIES)('the memberships of a %s network', async (vis) => {
      const res = await t.gql<{ network: { memberships: ConnectionData<{ id: string }> } }>(
        networkMemberships(b[vis].id, {}, 'id'),
        as(viewer),
      );
      if (visible().includes(vis)) {
        // B's secretariat and observer memberships are NETWORK-visible; on B RESTRICTED, X has a PUBLIC one.
        const members = ['admin', 'bSecretariat', 'bMember'].includes(viewer) ? 2 : 0;
        const expected = members + (vis === 'RESTRICTED' ? 1 : 0);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.network.memberships.edges).toHaveLength(expected);
        expect(res.body.data!.network.memberships.totalCount).toBe(expected);
      } else {
        notFound(res, 'network');
      }
    });

    it.each(VISIBILITIES)('the audit log of a %s network', async (vis) => {
      const res = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
        auditLog({ networkId: b[vis].id }),
        as(viewer),
      );
      if (viewer === 'anonymous') {
        expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      } else if (!visible().includes(vis)) {
        notFound(res, 'auditLog', false);
      } else if (viewer === 'admin' || viewer === 'bSecretariat') {
        expect(res.body.data!.auditLog.edges.map((e) => e.node.action)).toContain('update');
      } else {
        expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
    });
  });

  describe.each(Object.keys(SEES_MEMBERSHIP) as MembershipViewer[])('%s reading memberships', (viewer) => {
    it('sees exactly the memberships the predicate allows, and counts only those', async () => {
      const res = await t.gql<{ network: { memberships: ConnectionData<{ id: string; visibility: string }> } }>(
        networkMemberships(m.id, { first: 100 }, 'id visibility'),
        as(viewer),
      );
      const ids = res.body.data!.network.memberships.edges.map((e) => e.node.id);
      const ofX = VISIBILITIES.filter((vis) => ids.includes(xMembership[vis]));
      expect(ofX).toEqual(SEES_MEMBERSHIP[viewer]);
      // B's secretariat and observer memberships in M are NETWORK-visible.
      const othersVisible = ['admin', 'bSecretariat', 'bMember', 'x'].includes(viewer) ? 2 : 0;
      expect(ids).toHaveLength(ofX.length + othersVisible);
      expect(res.body.data!.network.memberships.totalCount).toBe(ids.length);
    });
  });

  it('an audit log never shows entries about memberships or partners its reader may not see', async () => {
    const partnerOfA = await insertNetwork(t.dataSource, { slug: 'secret-partner', visibility: 'RESTRICTED' });
    const admin = tokens.admin!;
    expect((await t.gql(addNetworkPartner(a.id, partnerOfA.id), { token: admin })).body.errors).toBeUndefined();

    const read = async (viewer: MembershipViewer, networkId: string) => {
      const res = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
        auditLog({ networkId, first: 100 }),
        as(viewer),
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.auditLog;
    };
    // A's secretariat: the partnership with a network it cannot see is not in A's log.
    const aLog = await read('aSecretariat', a.id);
    expect(aLog.edges.map((e) => e.node.entityId).join(' ')).not.toContain(partnerOfA.id);
    expect(aLog.totalCount).toBe(aLog.edges.length);
    // The administrator sees it (administrators see every network).
    const adminLog = await read('admin', a.id);
    expect(adminLog.edges.map((e) => e.node.entityId)).toContain(`${a.id}:${partnerOfA.id}`);

    // M's log: B's secretariat sees the RESTRICTED membership's creation, the administrator does not.
    const bLog = await read('bSecretariat', m.id);
    expect(bLog.edges.map((e) => e.node.entityId)).toContain(xMembership.RESTRICTED);
    const mLogForAdmin = await read('admin', m.id);
    const adminIds = mLogForAdmin.edges.map((e) => e.node.entityId);
    expect(adminIds).not.toContain(xMembership.RESTRICTED);
    expect(adminIds).toContain(xMembership.NETWORK);
    expect(mLogForAdmin.totalCount).toBe(mLogForAdmin.edges.length);
  });
});
