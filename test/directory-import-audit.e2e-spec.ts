import { insertDirectoryPerson, insertNetwork } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember, SignedInMember } from './support/members';
import { networkAuditEntries } from './support/networks.fixture';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const HEADER = 'external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages';

/**
 * Issue 14: a change to a person is audited in every network they belong or belonged to, whichever
 * door made it. An import updating a person of two networks is read in both networks' logs.
 */
describe('an import audits a person’s update in each of their networks', () => {
  let t: TestApp;
  let netA: string;
  let netB: string;
  let secA: SignedInMember;
  let secB: SignedInMember;

  beforeAll(async () => {
    t = await startTestApp();
    netA = (await insertNetwork(t.dataSource, { slug: 'import-audit-a' })).id;
    netB = (await insertNetwork(t.dataSource, { slug: 'import-audit-b' })).id;
    secA = await signedInMember(t, { name: 'Ana Secretariat', networkId: netA, role: 'SECRETARIAT' });
    secB = await signedInMember(t, { name: 'Ben Secretariat', networkId: netB, role: 'SECRETARIAT' });
  });

  afterAll(() => t?.close());

  it('writes the update to A’s log and to B’s, where the person also serves; a person of A only, to A’s', async () => {
    const both = await insertDirectoryPerson(t.dataSource, {
      name: 'Dana Both',
      externalRef: 'AUD-1',
      memberships: [
        { networkId: netA, role: 'OBSERVER' },
        { networkId: netB, role: 'OBSERVER', endsOn: '2024-01-01', startsOn: '2020-01-01' },
      ],
    });
    const onlyA = await insertDirectoryPerson(t.dataSource, {
      name: 'Olaf Only',
      externalRef: 'AUD-2',
      memberships: [{ networkId: netA, role: 'OBSERVER' }],
    });
    const csv = [
      HEADER,
      'AUD-1,Dana Both-Renamed,dana@example.org,,,,,OBSERVER,,',
      'AUD-2,Olaf Only-Renamed,,,,,,OBSERVER,,',
    ].join('\n');
    const res = await t.gql<{ importDirectory: { applied: boolean; summary: { updated: number } } }>(
      op.importDirectory({ networkId: netA, csv, dryRun: false }),
      { token: secA.token },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.importDirectory).toMatchObject({ applied: true, summary: { updated: 2 } });

    const updatesIn = async (networkId: string, token: string, personId: string) =>
      (await networkAuditEntries(t, networkId, token)).filter(
        (e) => e.entityId === personId && e.action === 'import' && ['person', 'person_contact'].includes(e.entityType),
      );

    const inA = await updatesIn(netA, secA.token, both.id);
    const inB = await updatesIn(netB, secB.token, both.id);
    expect(renamedOf(inA, 'Dana Both-Renamed')).toHaveLength(1);
    expect(renamedOf(inB, 'Dana Both-Renamed')).toHaveLength(1);
    // The new contact too, in both logs.
    expect(inA.filter((e) => e.entityType === 'person_contact')).toHaveLength(1);
    expect(inB.filter((e) => e.entityType === 'person_contact')).toHaveLength(1);

    // A person of A only is not in B’s log.
    expect(await updatesIn(netB, secB.token, onlyA.id)).toEqual([]);
    expect(renamedOf(await updatesIn(netA, secA.token, onlyA.id), 'Olaf Only-Renamed')).toHaveLength(1);
  });
});

function renamedOf(entries: { entityType: string; after: string | null }[], name: string) {
  return entries.filter((e) => e.entityType === 'person' && (e.after ?? '').includes(name));
}
