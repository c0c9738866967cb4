import { insertMembership, insertNetwork } from '@enlace/testing';
import { addNetworkPartner, network, removeNetworkPartner } from './support/networks.operations';
import { Caller, errorCode, networkAuditEntries, startNetworksCast } from './support/networks.fixture';
import type { TestApp } from './support/test-app';

/** Partnerships between networks: who may add and end them, both directions, both logs. */
describe('networks: partners', () => {
  let t: TestApp;
  let admin: Caller;
  let secretariat: Caller;

  const auditEntries = (networkId: string, token = admin.token, entityType?: string) =>
    networkAuditEntries(t, networkId, token, entityType);

  beforeAll(async () => {
    ({ t, admin, secretariat } = await startNetworksCast());
  });
  afterAll(async () => {
    await t.close();
  });

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
    expect(errorCode(await t.gql(addNetworkPartner(left.id, left.id), { token: admin.token }))).toBe('BAD_USER_INPUT');
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
