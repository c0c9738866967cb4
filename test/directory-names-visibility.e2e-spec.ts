import { insertMembership, insertNetwork } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember, SignedInMember } from './support/members';
import { networkAuditEntries } from './support/networks.fixture';
import { ConnectionData, networkMemberships } from './support/networks.operations';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * SPEC §3: a person's name reaches only those who may see the person, in every transport — here the
 * author of an audit entry and the people named in a notification.
 */
describe('names of people only where their reader may see them', () => {
  let t: TestApp;
  let netA: string;
  let netB: string;
  let secA: SignedInMember;
  let secB: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    netA = (await insertNetwork(t.dataSource, { slug: 'names-a' })).id;
    netB = (await insertNetwork(t.dataSource, { slug: 'names-b' })).id;
    secA = await signedInMember(t, { name: 'Rita Restricted', networkId: netA, role: 'SECRETARIAT' });
    // A's secretariat keeps her term RESTRICTED: only A's secretariat (herself) may see her.
    await t.dataSource.query(`UPDATE membership SET visibility = 'RESTRICTED' WHERE person_id = $1`, [secA.personId]);
    secB = await signedInMember(t, { name: 'Bea Secretariat', networkId: netB, role: 'SECRETARIAT' });
  });

  afterAll(() => t?.close());

  it('an audit entry of another network’s RESTRICTED person does not name its author', async () => {
    // Pablo belongs to both networks; A's secretariat edits him, which writes an entry in each network's log.
    const pablo = await signedInMember(t, { name: 'Pablo Both', networkId: netA, role: 'OBSERVER' });
    await insertMembership(t.dataSource, { personId: pablo.personId, networkId: netB, role: 'OBSERVER' });
    const read = await t.gql<{ person: { version: number } }>(op.person(pablo.personId, 'version'), {
      token: secA.token,
    });
    const edit = await t.gql(
      op.updatePerson({ id: pablo.personId, expectedVersion: read.body.data!.person.version, jobTitle: 'Adviser' }),
      { token: secA.token },
    );
    expect(edit.body.errors).toBeUndefined();

    const inA = (await networkAuditEntries(t, netA, secA.token, 'person')).find((e) => e.entityId === pablo.personId);
    expect(inA?.actor).toEqual({ id: secA.personId, name: 'Rita Restricted' });

    const inB = (await networkAuditEntries(t, netB, secB.token, 'person')).find((e) => e.entityId === pablo.personId);
    expect(inB).toBeDefined();
    // B's secretariat may not see Rita: the entry has no author, as if she did not exist.
    expect(inB!.actor).toBeNull();
    const searched = await t.gql(op.person(secA.personId, 'id name'), { token: secB.token });
    expect(searched.body.errors?.[0].extensions.code).toBe('NOT_FOUND');

    // The people of memberships B may see keep their names.
    const members = await t.gql<{ network: { memberships: ConnectionData<{ person: { id: string; name: string } }> } }>(
      networkMemberships(netB, { first: 100 }, 'person { id name }'),
      { token: secB.token },
    );
    expect(members.body.errors).toBeUndefined();
    expect(members.body.data!.network.memberships.edges.map((e) => e.node.person.name).sort()).toEqual([
      'Bea Secretariat',
      'Pablo Both',
    ]);
  });
});
