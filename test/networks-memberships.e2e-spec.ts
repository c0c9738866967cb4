import { insertAccount, insertMembership, insertNetwork, TestPerson } from '@enlace/testing';
import { signedInMember, SignedInMemberOptions } from './support/members';
import {
  addMembership,
  auditLog,
  AuditEntryData,
  ConnectionData,
  createNetwork,
  endMembership,
  MembershipData,
  networkMemberships,
} from './support/networks.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

type Caller = TestPerson & { token: string };

function errorCode(res: GraphqlResponse): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

describe('memberships and the audit log', () => {
  let t: TestApp;
  let admin: Caller;
  let secretariat: Caller;
  let member: Caller;
  let outsider: Caller;
  let home: { id: string; slug: string };

  async function caller(options: SignedInMemberOptions = {}): Promise<Caller> {
    return signedInMember(t, options);
  }

  async function auditEntries(networkId: string, token = admin.token, entityType?: string): Promise<AuditEntryData[]> {
    const res = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
      auditLog({ networkId, entityType, first: 100 }),
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.auditLog.edges.map((e) => e.node);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await caller({ isAdmin: true, name: 'Ada Admin' });
    secretariat = await caller({ name: 'Sara Secretariat' });
    member = await caller({ name: 'Cleo Civil' });
    outsider = await caller({ name: 'Otto Outsider' });
    home = await insertNetwork(t.dataSource, {
      slug: 'home-network',
      visibility: 'NETWORK',
      defaultLanguage: 'es',
      workingLanguages: ['es', 'en'],
      name: { es: { text: 'Red de origen', status: 'ORIGINAL' }, en: { text: 'Home network', status: 'TRANSLATED' } },
    });
    await insertMembership(t.dataSource, { personId: secretariat.personId, networkId: home.id, role: 'SECRETARIAT' });
    await insertMembership(t.dataSource, { personId: member.personId, networkId: home.id, role: 'CIVIL_SOCIETY' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('memberships', () => {
    let people: TestPerson[];
    beforeAll(async () => {
      people = [];
      for (const name of ['Beatriz', 'Ana', 'Carlos', 'Diego'])
        people.push(await insertAccount(t.dataSource, { name }));
    });

    it('validates the role and member state pairing', async () => {
      const cases: Array<[Record<string, string>, string, string]> = [
        [
          { role: 'FOCAL_POINT' },
          'memberState',
          'Focal points and alternates represent a member state: give its ISO 3166-1 two-letter code.',
        ],
        [
          { role: 'ALTERNATE_FOCAL_POINT', memberState: 'XX' },
          'memberState',
          '"XX" is not an ISO 3166-1 two-letter country code (for example PE or FR).',
        ],
        [
          { role: 'FOCAL_POINT', memberState: 'py' },
          'memberState',
          '"py" is not an ISO 3166-1 two-letter country code (for example PE or FR).',
        ],
        [
          { role: 'CIVIL_SOCIETY', memberState: 'PY' },
          'memberState',
          'Only focal points and alternates represent a member state; leave it empty for this role.',
        ],
        [{ role: 'OBSERVER', startsOn: '2024-02-30' }, 'startsOn', 'Give a date as YYYY-MM-DD.'],
        [
          { role: 'OBSERVER', startsOn: '2024-03-01', endsOn: '2024-02-01' },
          'endsOn',
          'A term cannot end before it starts.',
        ],
      ];
      for (const [extra, field, message] of cases) {
        const res = await t.gql(
          addMembership({ networkId: home.id, personId: people[0].personId, role: 'OBSERVER', ...extra }),
          { token: admin.token },
        );
        expect({ extra, code: errorCode(res), fields: res.body.errors?.[0].extensions.fields }).toEqual({
          extra,
          code: 'BAD_USER_INPUT',
          fields: [{ field, message }],
        });
      }
    });

    it('adds memberships, refuses a second open term for the same role, and audits', async () => {
      // These accounts are in no network yet: a secretariat may not name them by id (they join by
      // invitation), an administrator may.
      const bySecretariat = await t.gql(
        addMembership({ networkId: home.id, personId: people[0].personId, role: 'OBSERVER' }),
        { token: secretariat.token },
      );
      expect(bySecretariat.body.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'personId', message: 'There is no such person.' }],
      });
      const added = await t.gql<{ addMembership: MembershipData }>(
        addMembership({ networkId: home.id, personId: people[0].personId, role: 'FOCAL_POINT', memberState: 'PY' }),
        { token: admin.token },
      );
      expect(added.body.errors).toBeUndefined();
      expect(added.body.data?.addMembership).toMatchObject({
        role: 'FOCAL_POINT',
        memberState: 'PY',
        endsOn: null,
        visibility: 'NETWORK',
        person: { id: people[0].personId, name: 'Beatriz' },
        network: { id: home.id, slug: 'home-network' },
      });
      const twice = await t.gql(
        addMembership({ networkId: home.id, personId: people[0].personId, role: 'FOCAL_POINT', memberState: 'PY' }),
        { token: admin.token },
      );
      expect(errorCode(twice)).toBe('CONFLICT');

      for (const [i, role] of [
        [1, 'ALTERNATE_FOCAL_POINT'],
        [2, 'TRAINER'],
        [3, 'OBSERVER'],
      ] as const) {
        const res = await t.gql(
          addMembership({
            networkId: home.id,
            personId: people[i].personId,
            role,
            memberState: role === 'ALTERNATE_FOCAL_POINT' ? 'AR' : undefined,
            startsOn: '2013-05-01',
          }),
          { token: admin.token },
        );
        expect(res.body.errors).toBeUndefined();
      }
      const entries = await auditEntries(home.id, secretariat.token, 'membership');
      expect(entries.filter((e) => e.action === 'create')).toHaveLength(4);
      expect(JSON.parse(entries.at(-1)!.after!)).toMatchObject({
        personId: people[0].personId,
        role: 'FOCAL_POINT',
        memberState: 'PY',
      });
    });

    it('is FORBIDDEN to members who are not secretariat, and unknown people are reported', async () => {
      const asMember = await t.gql(
        addMembership({ networkId: home.id, personId: people[0].personId, role: 'OBSERVER' }),
        { token: member.token },
      );
      expect(errorCode(asMember)).toBe('FORBIDDEN');
      const asOutsider = await t.gql(
        addMembership({ networkId: home.id, personId: people[0].personId, role: 'OBSERVER' }),
        { token: outsider.token },
      );
      expect(errorCode(asOutsider)).toBe('NOT_FOUND');
      const unknown = await t.gql(
        addMembership({ networkId: home.id, personId: '00000000-0000-4000-8000-000000000000', role: 'OBSERVER' }),
        { token: secretariat.token },
      );
      expect(unknown.body.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'personId', message: 'There is no such person.' }],
      });
    });

    it('lists memberships by person name with cursors and filters', async () => {
      const all = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { first: 3 }),
        { token: member.token },
      );
      expect(all.body.errors).toBeUndefined();
      const page1 = all.body.data!.network.memberships;
      expect(page1.totalCount).toBe(6);
      expect(page1.edges.map((e) => e.node.person.name)).toEqual(['Ana', 'Beatriz', 'Carlos']);
      const page2 = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { first: 3, after: page1.pageInfo.endCursor! }),
        { token: member.token },
      );
      expect(page2.body.data?.network.memberships.edges.map((e) => e.node.person.name)).toEqual([
        'Cleo Civil',
        'Diego',
        'Sara Secretariat',
      ]);
      expect(page2.body.data?.network.memberships.pageInfo.hasNextPage).toBe(false);

      const focal = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { role: 'ALTERNATE_FOCAL_POINT', memberState: 'AR' }),
        { token: member.token },
      );
      expect(focal.body.data?.network.memberships.edges.map((e) => e.node.person.name)).toEqual(['Ana']);
    });

    it('ends a term, keeps it in the history, and refuses to end it twice', async () => {
      const list = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { role: 'TRAINER' }),
        { token: secretariat.token },
      );
      const trainer = list.body.data!.network.memberships.edges[0].node;
      const early = await t.gql(endMembership({ id: trainer.id, endsOn: '2013-04-30' }), { token: secretariat.token });
      expect(early.body.errors?.[0].extensions.fields).toEqual([
        { field: 'endsOn', message: 'A term cannot end before it starts.' },
      ]);
      expect(errorCode(await t.gql(endMembership({ id: trainer.id }), { token: member.token }))).toBe('FORBIDDEN');
      const ended = await t.gql<{ endMembership: MembershipData }>(
        endMembership({ id: trainer.id, endsOn: '2020-01-01' }),
        {
          token: secretariat.token,
        },
      );
      expect(ended.body.data?.endMembership).toMatchObject({ id: trainer.id, endsOn: '2020-01-01' });
      const twice = await t.gql(endMembership({ id: trainer.id }), { token: secretariat.token, lang: 'es' });
      expect(errorCode(twice)).toBe('CONFLICT');
      expect(twice.body.errors?.[0].message).toBe('Este mandato ya terminó.');

      const current = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { currentOnly: true }),
        { token: secretariat.token },
      );
      expect(current.body.data?.network.memberships.totalCount).toBe(5);
      const history = await t.gql<{ network: { memberships: ConnectionData<MembershipData> } }>(
        networkMemberships(home.id, { currentOnly: false }),
        { token: secretariat.token },
      );
      expect(history.body.data?.network.memberships.totalCount).toBe(6);

      const [entry] = await auditEntries(home.id, secretariat.token, 'membership');
      expect(entry).toMatchObject({ action: 'end', entityId: trainer.id, actor: { id: secretariat.personId } });
      expect(JSON.parse(entry.before!)).toEqual({ endsOn: null });
      expect(JSON.parse(entry.after!)).toEqual({ endsOn: '2020-01-01' });
      expect(errorCode(await t.gql(endMembership({ id: 'nope' }), { token: secretariat.token }))).toBe('NOT_FOUND');
    });
  });

  describe('auditLog', () => {
    it('is readable by the network’s secretariat and administrators, newest first, with cursors', async () => {
      const first = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
        auditLog({ networkId: home.id, first: 2 }),
        { token: secretariat.token },
      );
      expect(first.body.errors).toBeUndefined();
      const page = first.body.data!.auditLog;
      expect(page.totalCount).toBeGreaterThan(2);
      const next = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(
        auditLog({ networkId: home.id, first: 2, after: page.pageInfo.endCursor! }),
        { token: secretariat.token },
      );
      const ids = [...page.edges, ...next.body.data!.auditLog.edges].map((e) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(4);
      expect([...page.edges, ...next.body.data!.auditLog.edges].every((e) => e.node.networkId === home.id)).toBe(true);
    });

    it('is FORBIDDEN to other members, and the whole log is for administrators only', async () => {
      expect(errorCode(await t.gql(auditLog({ networkId: home.id }), { token: member.token }))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(auditLog({ networkId: home.id }), { token: outsider.token }))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(auditLog({}), { token: secretariat.token }))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(auditLog({})))).toBe('UNAUTHENTICATED');
      for (const slug of ['audited-one', 'audited-two']) {
        const created = await t.gql(
          createNetwork({
            slug,
            name: [{ language: 'en', text: slug }],
            kind: 'MIXED',
            defaultLanguage: 'en',
            workingLanguages: ['en'],
            visibility: 'NETWORK',
          }),
          { token: admin.token },
        );
        expect(created.body.errors).toBeUndefined();
      }
      const everything = await t.gql<{ auditLog: ConnectionData<AuditEntryData> }>(auditLog({ first: 100 }), {
        token: admin.token,
      });
      const networkIds = new Set(everything.body.data?.auditLog.edges.map((e) => e.node.networkId));
      expect(networkIds.size).toBeGreaterThan(2);
    });
  });
});
