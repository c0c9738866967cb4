import { insertMembership, insertNetwork } from '@enlace/testing';
import { NetworkData, updateNetwork } from './support/networks.operations';
import { Caller, errorCode, networkAuditEntries, startNetworksCast } from './support/networks.fixture';
import type { TestApp } from './support/test-app';

/** Editing a network: per-language edits, versions and concurrent editors, who may edit. */
describe('networks: updateNetwork', () => {
  let t: TestApp;
  let admin: Caller;
  let secretariat: Caller;
  let member: Caller;
  let outsider: Caller;

  const auditEntries = (networkId: string, token = admin.token, entityType?: string) =>
    networkAuditEntries(t, networkId, token, entityType);

  beforeAll(async () => {
    ({ t, admin, secretariat, member, outsider } = await startNetworksCast());
  });
  afterAll(async () => {
    await t.close();
  });

  let target: { id: string; slug: string };
  let version: number;
  beforeAll(async () => {
    target = await insertNetwork(t.dataSource, {
      slug: 'editable',
      visibility: 'PARTNERS',
      name: { en: { text: 'Editable network', status: 'ORIGINAL' } },
    });
    await insertMembership(t.dataSource, {
      personId: secretariat.personId,
      networkId: target.id,
      role: 'SECRETARIAT',
    });
    await insertMembership(t.dataSource, { personId: member.personId, networkId: target.id, role: 'OBSERVER' });
    version = 1;
  });

  it('lets the secretariat edit per language, keeping stored statuses, and bumps the version', async () => {
    const res = await t.gql<{ updateNetwork: NetworkData }>(
      updateNetwork({
        id: target.id,
        expectedVersion: version,
        name: [
          { language: 'fr', text: 'Réseau modifiable', status: 'REVIEWED' },
          { language: 'en', text: 'Editable network (renamed)' },
        ],
        description: [{ language: 'en', text: 'Now with a description.', status: 'ORIGINAL' }],
        workingLanguages: ['en', 'fr'],
      }),
      { token: secretariat.token, lang: 'fr' },
    );
    expect(res.body.errors).toBeUndefined();
    const updated = res.body.data!.updateNetwork;
    expect(updated.version).toBe(version + 1);
    expect(updated.name).toMatchObject({ text: 'Réseau modifiable', language: 'fr', status: 'REVIEWED' });
    expect(updated.name.translations).toEqual([
      { language: 'en', text: 'Editable network (renamed)', status: 'ORIGINAL' },
      { language: 'fr', text: 'Réseau modifiable', status: 'REVIEWED' },
    ]);
    expect(updated.workingLanguages).toEqual(['en', 'fr']);
    version = updated.version;

    const [entry] = await auditEntries(target.id, secretariat.token, 'network');
    expect(entry.action).toBe('update');
    expect(JSON.parse(entry.before!)).toEqual({
      name: { en: { text: 'Editable network', status: 'ORIGINAL' } },
      description: {},
      workingLanguages: ['en'],
      version: 1,
    });
    expect(JSON.parse(entry.after!)).toMatchObject({ workingLanguages: ['en', 'fr'], version: 2 });
  });

  it('removes a language, but never the last one of the name', async () => {
    const removed = await t.gql<{ updateNetwork: NetworkData }>(
      updateNetwork({ id: target.id, expectedVersion: version, removeNameLanguages: ['fr'] }),
      { token: secretariat.token, lang: 'fr' },
    );
    expect(removed.body.data?.updateNetwork.name).toMatchObject({ language: 'en' });
    version = removed.body.data!.updateNetwork.version;
    const last = await t.gql(updateNetwork({ id: target.id, expectedVersion: version, removeNameLanguages: ['en'] }), {
      token: secretariat.token,
    });
    expect(errorCode(last)).toBe('BAD_USER_INPUT');
    expect(last.body.errors?.[0].extensions.fields).toEqual([
      { field: 'name', message: 'A network keeps its name in at least one language.' },
    ]);
  });

  it('answers CONFLICT to a stale expectedVersion', async () => {
    const res = await t.gql(updateNetwork({ id: target.id, expectedVersion: version - 1, visibility: 'PUBLIC' }), {
      token: secretariat.token,
    });
    expect(errorCode(res)).toBe('CONFLICT');
  });

  it('lets exactly one of several concurrent editors with the same version win', async () => {
    const attempts = await Promise.all(
      ['NETWORK', 'PUBLIC', 'RESTRICTED', 'PARTNERS'].map((visibility, i) =>
        t.gql<{ updateNetwork: NetworkData }>(
          updateNetwork({
            id: target.id,
            expectedVersion: version,
            visibility,
            description: [{ language: 'en', text: `Concurrent edit ${i}` }],
          }),
          { token: i % 2 === 0 ? secretariat.token : admin.token },
        ),
      ),
    );
    const winners = attempts.filter((r) => r.body.data?.updateNetwork);
    const losers = attempts.filter((r) => errorCode(r) === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(3);
    version = winners[0].body.data!.updateNetwork.version;
    expect(version).toBe(4);
    const updates = (await auditEntries(target.id, admin.token, 'network')).filter((e) => e.action === 'update');
    expect(updates).toHaveLength(3);
  });

  it('is FORBIDDEN to a member who is not secretariat, NOT_FOUND to someone who cannot see the network', async () => {
    await t.gql(updateNetwork({ id: target.id, expectedVersion: version, visibility: 'NETWORK' }), {
      token: admin.token,
    });
    version += 1;
    const asMember = await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' }), {
      token: member.token,
    });
    expect(errorCode(asMember)).toBe('FORBIDDEN');
    const asOutsider = await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' }), {
      token: outsider.token,
    });
    expect(errorCode(asOutsider)).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(updateNetwork({ id: target.id, expectedVersion: version, kind: 'MIXED' })))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
