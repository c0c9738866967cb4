import { randomUUID } from 'node:crypto';
import {
  insertAccount,
  insertChannel,
  insertDirectoryPerson,
  insertMemberState,
  insertNetwork,
  insertOrganisation,
} from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { acceptInvitation, inviteToNetwork } from './support/identity.operations';
import { addMembership } from './support/networks.operations';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const HEADER = 'external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages';

/**
 * SPEC §3: a network changes, enrols and matches (by id, e-mail or external reference) only what it
 * may see; a person of another network joins by accepting an invitation. A secretariat of network A
 * tries every door that takes a person or an e-mail with the ids and addresses of network B's people.
 */
describe('no write reaches a person through another network', () => {
  let t: TestApp;
  let netA: string;
  let netB: string;
  let secA: string;
  let admin: string;
  let adminEmail: string;
  let adminPersonId: string;
  let hidden: string;
  let visible: string;
  let pastMember: string;
  let ownMember: string;

  const personRow = async (id: string) =>
    (
      (await t.dataSource.query(`SELECT name, external_ref AS "externalRef" FROM person WHERE id = $1`, [id])) as {
        name: string;
        externalRef: string | null;
      }[]
    )[0];
  const termsIn = async (personId: string, networkId: string) =>
    Number(
      (
        (await t.dataSource.query(`SELECT count(*) AS n FROM membership WHERE person_id = $1 AND network_id = $2`, [
          personId,
          networkId,
        ])) as { n: string }[]
      )[0].n,
    );
  /** Everything stored about a person that a write through another network could change. */
  const footprint = async (personId: string) =>
    t.dataSource.query(
      `SELECT p.name, p.version, p.erased_at,
              (SELECT json_agg(json_build_object('network', network_id, 'role', role, 'ends', ends_on) ORDER BY id)
                 FROM membership WHERE person_id = p.id) AS terms,
              (SELECT count(*) FROM channel_member WHERE person_id = p.id)::int AS channels,
              (SELECT count(*) FROM directory_relationship WHERE from_person_id = p.id OR to_person_id = p.id)::int
                AS relationships
         FROM person p WHERE p.id = $1`,
      [personId],
    );
  /** What a caller sees of a refusal: everything but the request-specific path. */
  const refusal = (res: GraphqlResponse) => {
    expect(res.status).toBe(200);
    expect(res.body.errors).toHaveLength(1);
    const { message, extensions } = res.body.errors![0];
    return { message, extensions, data: res.body.data };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    netA = (await insertNetwork(ds, { slug: 'red-a' })).id;
    netB = (await insertNetwork(ds, { slug: 'network-b' })).id;
    await insertMemberState(ds, { networkId: netA, countryCode: 'PE' });
    secA = (await signedInMember(t, { name: 'Sara A', networkId: netA, role: 'SECRETARIAT' })).token;
    adminEmail = 'root-admin@enlace.test';
    const adminAccount = await signedInMember(t, { name: 'Ada Admin', email: adminEmail, isAdmin: true });
    admin = adminAccount.token;
    adminPersonId = adminAccount.personId;
    hidden = (
      await insertDirectoryPerson(ds, {
        name: 'Hidden Official',
        externalRef: 'B-001',
        contacts: [{ kind: 'EMAIL', value: 'hidden.official@b.example.org', visibility: 'NETWORK' }],
        memberships: [{ networkId: netB, role: 'OBSERVER', visibility: 'NETWORK' }],
      })
    ).id;
    visible = (
      await insertDirectoryPerson(ds, {
        name: 'Public Official',
        contacts: [{ kind: 'EMAIL', value: 'public.official@b.example.org', visibility: 'PUBLIC' }],
        memberships: [{ networkId: netB, role: 'OBSERVER', visibility: 'PUBLIC' }],
      })
    ).id;
    pastMember = (
      await insertDirectoryPerson(ds, {
        name: 'Former Observer',
        memberships: [{ networkId: netA, role: 'OBSERVER', startsOn: '2019-01-01', endsOn: '2020-01-01' }],
      })
    ).id;
    ownMember = (
      await insertDirectoryPerson(ds, {
        name: 'Own Member',
        contacts: [{ kind: 'EMAIL', value: 'own.member@a.example.org' }],
        memberships: [{ networkId: netA, role: 'CIVIL_SOCIETY' }],
      })
    ).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('addMembership answers a hidden person exactly like one that does not exist, and enrols nobody', async () => {
    const input = (personId: string) => addMembership({ networkId: netA, personId, role: 'OBSERVER' });
    const ofHidden = refusal(await t.gql(input(hidden), { token: secA }));
    const ofNobody = refusal(await t.gql(input(randomUUID()), { token: secA }));
    expect(ofHidden).toEqual(ofNobody);
    expect(ofHidden.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(ofHidden)).not.toContain(hidden);
    expect(await termsIn(hidden, netA)).toBe(0);
    // And so its NETWORK-only details stay out of reach.
    const read = await t.gql<{ person: unknown }>(op.person(hidden), { token: secA });
    expect(read.body.data?.person ?? null).toBeNull();
  });

  it('designateFocalPoint does the same for the seat of a member state', async () => {
    const input = (personId: string) => op.designateFocalPoint({ networkId: netA, memberState: 'PE', personId });
    const ofHidden = refusal(await t.gql(input(hidden), { token: secA }));
    const ofNobody = refusal(await t.gql(input(randomUUID()), { token: secA }));
    expect(ofHidden).toEqual(ofNobody);
    expect(await termsIn(hidden, netA)).toBe(0);
  });

  it('every mutation taking a person or a membership answers another network’s hidden one like a missing one, and changes nothing', async () => {
    const [hiddenTerm] = (await t.dataSource.query(`SELECT id FROM membership WHERE person_id = $1`, [hidden])) as {
      id: string;
    }[];
    const channel = (await insertChannel(t.dataSource, { networkId: netA, kind: 'GROUP', name: 'working group' })).id;
    const organisation = (await insertOrganisation(t.dataSource, { name: 'Ministerio' })).id;
    const before = await footprint(hidden);
    const m =
      (name: string, type: string, field = 'id') =>
      (input: Record<string, unknown>) => ({
        query: `mutation M($input: ${type}!) { ${name}(input: $input) { ${field} } }`,
        variables: { input },
      });
    const doors: [string, (id: string) => Operation][] = [
      ['addMembership', (id) => addMembership({ networkId: netA, personId: id, role: 'OBSERVER' })],
      ['designateFocalPoint', (id) => op.designateFocalPoint({ networkId: netA, memberState: 'PE', personId: id })],
      ['endMembership', (id) => m('endMembership', 'EndMembershipInput')({ id })],
      ['updatePerson', (id) => m('updatePerson', 'UpdatePersonInput')({ id, expectedVersion: 1, name: 'Rewritten' })],
      ['erasePerson', (id) => op.erasePerson(id)],
      [
        'createRelationship',
        (id) =>
          m(
            'createRelationship',
            'CreateRelationshipInput',
          )({
            networkId: netA,
            fromPersonId: id,
            toOrganisationId: organisation,
            type: 'WORKS_FOR',
          }),
      ],
      ['addChannelMember', (id) => m('addChannelMember', 'ChannelMemberInput')({ channelId: channel, personId: id })],
      [
        'removeChannelMember',
        (id) => m('removeChannelMember', 'ChannelMemberInput')({ channelId: channel, personId: id }),
      ],
      [
        'createChannel',
        (id) =>
          m(
            'createChannel',
            'CreateChannelInput',
          )({ networkId: netA, kind: 'GROUP', name: 'with a stranger', memberIds: [id] }),
      ],
    ];
    const differing: string[] = [];
    for (const [name, door] of doors) {
      const target = name === 'endMembership' ? hiddenTerm.id : hidden;
      const ofHidden = await t.gql(door(target), { token: secA });
      const ofNobody = await t.gql(door(randomUUID()), { token: secA });
      expect(ofHidden.body.errors).toBeDefined();
      const seen = (res: GraphqlResponse) => ({
        message: res.body.errors?.[0]?.message,
        extensions: res.body.errors?.[0]?.extensions,
      });
      if (
        JSON.stringify(seen(ofHidden)) !== JSON.stringify(seen(ofNobody)) ||
        JSON.stringify(ofHidden.body).includes(target)
      ) {
        differing.push(`${name}: ${JSON.stringify(seen(ofHidden))} vs ${JSON.stringify(seen(ofNobody))}`);
      }
    }
    expect(differing).toEqual([]);
    expect(await footprint(hidden)).toEqual(before);
  });

  it('refuses a person visible elsewhere with the way in, in the caller’s language', async () => {
    const res = await t.gql(addMembership({ networkId: netA, personId: visible, role: 'OBSERVER' }), {
      token: secA,
      lang: 'es',
    });
    const { extensions, message } = refusal(res);
    expect(extensions.code).toBe('BAD_USER_INPUT');
    expect(`${message} ${JSON.stringify(extensions)}`).toContain('invitación');
    expect(await termsIn(visible, netA)).toBe(0);
  });

  it('enrols again someone who held a term in the network, and lets an administrator enrol anyone', async () => {
    const again = await t.gql(addMembership({ networkId: netA, personId: pastMember, role: 'OBSERVER' }), {
      token: secA,
    });
    expect(again.body.errors).toBeUndefined();
    const byAdmin = await t.gql(addMembership({ networkId: netA, personId: visible, role: 'TRAINER' }), {
      token: admin,
    });
    expect(byAdmin.body.errors).toBeUndefined();
    expect(await termsIn(visible, netA)).toBe(1);
  });

  it('createPerson keeps hidden addresses and references secret, and refuses those the caller can see', async () => {
    const create = (name: string, extra: Record<string, unknown>) =>
      t.gql<{ createPerson: { person: { id: string } } }>(
        op.createPerson({ networkId: netA, name, role: 'OBSERVER', ...extra }),
        { token: secA },
      );
    const hiddenEmail = await create('Homonym', {
      contacts: [{ kind: 'EMAIL', value: 'Hidden.Official@b.example.org' }],
    });
    expect(hiddenEmail.body.errors).toBeUndefined();
    expect(hiddenEmail.body.data!.createPerson.person.id).not.toBe(hidden);
    const hiddenRef = await create('Reference twin', { externalRef: 'b-001' });
    expect(hiddenRef.body.errors).toBeUndefined();
    const adminAddress = await create('Not the admin', { contacts: [{ kind: 'EMAIL', value: adminEmail }] });
    expect(adminAddress.body.errors).toBeUndefined();
    expect(adminAddress.body.data!.createPerson.person.id).not.toBe(adminPersonId);

    for (const value of ['own.member@a.example.org', 'public.official@b.example.org']) {
      const taken = await create('Taken', { contacts: [{ kind: 'EMAIL', value }] });
      expect(refusal(taken).extensions.code).toBe('BAD_USER_INPUT');
      expect(refusal(taken).message + JSON.stringify(refusal(taken).extensions)).toContain('already belongs');
    }
    expect(await personRow(hidden)).toEqual({ name: 'Hidden Official', externalRef: 'B-001' });
  });

  it('a CSV import matches the network’s own people only and never rewrites another network’s', async () => {
    const hiddenTwo = (
      await insertDirectoryPerson(t.dataSource, {
        name: 'Second Hidden',
        externalRef: 'B-002',
        contacts: [{ kind: 'EMAIL', value: 'hidden.two@b.example.org', visibility: 'NETWORK' }],
        memberships: [{ networkId: netB, role: 'OBSERVER', visibility: 'NETWORK' }],
      })
    ).id;
    // A platform administrator's sign-in address.
    const other = await insertAccount(t.dataSource, {
      name: 'Other Admin',
      email: 'other-admin@enlace.test',
      isAdmin: true,
    });
    await insertDirectoryPerson(t.dataSource, {
      name: 'Open Two',
      contacts: [{ kind: 'EMAIL', value: 'open.two@b.example.org', visibility: 'PUBLIC' }],
      memberships: [{ networkId: netB, role: 'OBSERVER', visibility: 'PUBLIC' }],
    });
    const csv = (lines: string[]) => [HEADER, ...lines].join('\n');
    const lines = [
      'B-002,Renamed Official,hidden.two@b.example.org,,,,PE,OBSERVER,,es',
      `,Renamed Admin,${other.email},,,,PE,OBSERVER,,es`,
      ',Own Member,own.member@a.example.org,,,,PE,CIVIL_SOCIETY,,es',
    ];
    const dry = await t.gql<{ importDirectory: { rows: { line: number; outcome: string; personId: string }[] } }>(
      op.importDirectory({
        networkId: netA,
        csv: csv([...lines, ',Open,open.two@b.example.org,,,,PE,OBSERVER,,es']),
        dryRun: true,
      }),
      { token: secA },
    );
    expect(dry.body.errors).toBeUndefined();
    const rows = dry.body.data!.importDirectory.rows;
    expect(rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'UPDATED', 'REJECTED']);
    expect(rows[0].personId).not.toBe(hiddenTwo);
    expect(rows[1].personId).not.toBe(other.personId);
    expect(rows[2].personId).toBe(ownMember);
    expect(JSON.stringify(dry.body)).not.toContain(hiddenTwo);
    expect(JSON.stringify(dry.body)).not.toContain(other.personId);
    expect(JSON.stringify(rows[3])).toContain('invit');

    const applied = await t.gql<{ importDirectory: { applied: boolean } }>(
      op.importDirectory({ networkId: netA, csv: csv(lines), dryRun: false }),
      { token: secA },
    );
    expect(applied.body.errors).toBeUndefined();
    expect(applied.body.data!.importDirectory.applied).toBe(true);
    expect(await personRow(hiddenTwo)).toEqual({ name: 'Second Hidden', externalRef: 'B-002' });
    expect((await personRow(other.personId)).name).toBe('Other Admin');
    expect(await termsIn(hiddenTwo, netA)).toBe(0);
    expect(await termsIn(other.personId, netA)).toBe(0);

    // Idempotent: the re-import matches the people it created, not the other network's.
    const again = await t.gql<{ importDirectory: { rows: { outcome: string }[] } }>(
      op.importDirectory({ networkId: netA, csv: csv(lines), dryRun: true }),
      { token: secA },
    );
    expect(again.body.data!.importDirectory.rows.map((r) => r.outcome)).toEqual([
      'UNCHANGED',
      'UNCHANGED',
      'UNCHANGED',
    ]);
  });

  it('a PUBLIC address of someone in a network the caller may not see is no answer either', async () => {
    const restricted = (await insertNetwork(t.dataSource, { slug: 'closed-network', visibility: 'RESTRICTED' })).id;
    await insertDirectoryPerson(t.dataSource, {
      name: 'Closed Official',
      contacts: [{ kind: 'EMAIL', value: 'closed.official@c.example.org', visibility: 'PUBLIC' }],
      memberships: [{ networkId: restricted, role: 'OBSERVER', visibility: 'PUBLIC' }],
    });
    const created = await t.gql(
      op.createPerson({
        networkId: netA,
        name: 'Same Address',
        role: 'OBSERVER',
        contacts: [{ kind: 'EMAIL', value: 'closed.official@c.example.org' }],
      }),
      { token: secA },
    );
    expect(created.body.errors).toBeUndefined();
    const dry = await t.gql<{ importDirectory: { rows: { outcome: string }[] } }>(
      op.importDirectory({
        networkId: netA,
        csv: [HEADER, ',Other Address,closed.official@c.example.org,,,,PE,OBSERVER,,es'].join('\n'),
        dryRun: true,
      }),
      { token: secA },
    );
    // It matches the person network A just created, never the closed network's.
    expect(dry.body.data!.importDirectory.rows.map((r) => r.outcome)).toEqual(['UPDATED']);
  });

  it('an official of network B joins network A by accepting an invitation: one person, both histories', async () => {
    const official = await insertAccount(t.dataSource, { name: 'Two Networks', email: 'two.networks@b.example.org' });
    await t.dataSource.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, ends_on)
       VALUES ($1, $2, 'FOCAL_POINT', 'PY', '2013-01-01', '2014-01-01')`,
      [official.personId, netB],
    );
    const invited = await t.gql(
      inviteToNetwork({ networkId: netA, email: official.email, role: 'FOCAL_POINT', memberState: 'PE' }),
      { token: secA },
    );
    expect(invited.body.errors).toBeUndefined();
    const [email] = (await t.dataSource.query(
      `SELECT params FROM email_outbox WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
      [official.email],
    )) as { params: { link: string } }[];
    const token = new URL(email.params.link).searchParams.get('token') as string;
    const accepted = await t.gql(acceptInvitation({ token, password: official.password }));
    expect(accepted.body.errors).toBeUndefined();

    // One person record holds both: network A's seat today and network B's seat of 2013.
    expect(await termsIn(official.personId, netA)).toBe(1);
    expect(await termsIn(official.personId, netB)).toBe(1);
    const inB = await t.gql<{ focalPoint: { person: { id: string } } | null }>(
      op.focalPoint({ networkId: netB, memberState: 'PY', on: '2013-06-01' }),
      { token: admin },
    );
    expect(inB.body.data!.focalPoint?.person.id).toBe(official.personId);
    const inA = await t.gql<{ focalPoint: { person: { id: string } } | null }>(
      op.focalPoint({ networkId: netA, memberState: 'PE' }),
      { token: secA },
    );
    expect(inA.body.data!.focalPoint?.person.id).toBe(official.personId);
  });
});
