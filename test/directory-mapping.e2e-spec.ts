import { insertDirectoryPerson, insertNetwork, insertOrganisation, insertPartnership } from '@enlace/testing';
import * as op from './support/directory.operations';
import { signedInMember } from './support/members';
import { auditLog } from './support/networks.operations';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Coordination across networks (issue 14 items 16 and 18): a secretariat opens its focal points to
 * the partner forum, and maps actors and relationships network-wide, without leaking a record a
 * caller may not see.
 */
describe('the directory shared with partners, and the map of actors', () => {
  let t: TestApp;
  let gov: string;
  let forum: string;
  let hidden: string;
  let govSecretariat: string;
  let forumMember: string;
  let strangerSecretariat: string;
  let hiddenSecretariat: string;
  const people: Record<string, string> = {};
  const memberships: Record<string, string> = {};

  const code = (res: GraphqlResponse) => res.body.errors?.[0]?.extensions.code ?? 'OK';
  const errorOf = (res: GraphqlResponse) => ({ code: code(res), message: res.body.errors?.[0]?.message });
  const found = async (token: string, filters: op.SearchFilters) => {
    const res = await t.gql<{ people: { edges: { node: { name: string } }[] } }>(op.people(filters), { token });
    expect(code(res)).toBe('OK');
    return res.body.data!.people.edges.map((e) => e.node.name).sort();
  };
  const membershipOf = async (personId: string) =>
    (
      (await t.dataSource.query(`SELECT id FROM membership WHERE person_id = $1 AND network_id = $2`, [
        personId,
        gov,
      ])) as { id: string }[]
    )[0].id;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    gov = (await insertNetwork(ds, { slug: 'red-gobiernos', visibility: 'PARTNERS', defaultLanguage: 'es' })).id;
    forum = (await insertNetwork(ds, { slug: 'foro-sociedad-civil' })).id;
    hidden = (await insertNetwork(ds, { slug: 'red-reservada', visibility: 'NETWORK' })).id;
    const stranger = (await insertNetwork(ds, { slug: 'otra-red' })).id;
    await insertPartnership(ds, gov, forum);
    govSecretariat = (await signedInMember(t, { name: 'Sara', networkId: gov, role: 'SECRETARIAT' })).token;
    forumMember = (await signedInMember(t, { name: 'Fabio', networkId: forum, role: 'CIVIL_SOCIETY' })).token;
    strangerSecretariat = (await signedInMember(t, { name: 'Otto', networkId: stranger, role: 'SECRETARIAT' })).token;
    hiddenSecretariat = (await signedInMember(t, { name: 'Hilda', networkId: hidden, role: 'SECRETARIAT' })).token;
    const ministry = (await insertOrganisation(ds, { name: 'Ministerio de Defensa', countryCode: 'PY' })).id;
    for (const [key, name, role, memberState, countryCode] of [
      ['gloria', 'Gloria Benítez', 'FOCAL_POINT', 'PY', 'PY'],
      ['ulises', 'Ulises Pereira', 'FOCAL_POINT', 'UY', 'UY'],
      ['ana', 'Ana Suplente', 'ALTERNATE_FOCAL_POINT', 'PY', 'PY'],
      ['olga', 'Olga Observadora', 'OBSERVER', null, 'AR'],
    ] as const) {
      people[key] = (
        await insertDirectoryPerson(ds, {
          name,
          countryCode,
          organisationId: key === 'gloria' ? ministry : null,
          memberships: [{ networkId: gov, role, memberState }],
        })
      ).id;
      memberships[key] = await membershipOf(people[key]);
    }
    people.hera = (
      await insertDirectoryPerson(ds, {
        name: 'Hera Reservada',
        memberships: [{ networkId: hidden, role: 'OBSERVER' }],
      })
    ).id;
    people.ministry = ministry;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the visibility of memberships (item 16)', () => {
    const setOne = (id: string, visibility: string) => ({
      query: `mutation Set($id: ID!, $visibility: Visibility!) {
        setMembershipVisibility(id: $id, visibility: $visibility) { id visibility person { name } } }`,
      variables: { id, visibility },
    });
    const setMany = (input: Record<string, unknown>): Operation => ({
      query: `mutation SetMany($input: SetMembershipsVisibilityInput!) { setMembershipsVisibility(input: $input) { changed } }`,
      variables: { input },
    });

    it('a secretariat opens one focal point to the partner forum, which then finds her in the directory', async () => {
      expect(await found(forumMember, { text: 'gloria' })).toEqual([]);
      const opened = await t.gql<{ setMembershipVisibility: { visibility: string; person: { name: string } } }>(
        setOne(memberships.gloria, 'PARTNERS'),
        { token: govSecretariat },
      );
      expect(code(opened)).toBe('OK');
      expect(opened.body.data!.setMembershipVisibility).toEqual({
        id: memberships.gloria,
        visibility: 'PARTNERS',
        person: { name: 'Gloria Benítez' },
      });
      expect(await found(forumMember, { text: 'gloria' })).toEqual(['Gloria Benítez']);
      expect(await found(forumMember, { networkId: gov })).toEqual(['Gloria Benítez']);

      const log = await t.gql<{ auditLog: { edges: { node: { action: string; before: unknown; after: unknown } }[] } }>(
        auditLog({ networkId: gov, entityType: 'membership', entityId: memberships.gloria }),
        { token: govSecretariat },
      );
      expect(log.body.data!.auditLog.edges.map((e) => e.node)).toMatchObject([
        { action: 'setVisibility', before: '{"visibility":"NETWORK"}', after: '{"visibility":"PARTNERS"}' },
      ]);
      // Setting it again changes nothing and writes nothing.
      expect(code(await t.gql(setOne(memberships.gloria, 'PARTNERS'), { token: govSecretariat }))).toBe('OK');
      const again = await t.gql<{ auditLog: { totalCount: number } }>(
        auditLog({ networkId: gov, entityType: 'membership', entityId: memberships.gloria }),
        { token: govSecretariat },
      );
      expect(again.body.data!.auditLog.totalCount).toBe(1);
    });

    it('in bulk, by role and by member state, each change audited', async () => {
      const byRole = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, role: 'FOCAL_POINT', visibility: 'PARTNERS' }),
        { token: govSecretariat },
      );
      // Gloria is PARTNERS already: only Ulises changes.
      expect(byRole.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { networkId: gov })).toEqual(['Gloria Benítez', 'Ulises Pereira']);

      const byState = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, memberState: 'PY', visibility: 'PARTNERS', currentOnly: true }),
        { token: govSecretariat },
      );
      expect(byState.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { networkId: gov, memberState: 'PY' })).toEqual([
        'Ana Suplente',
        'Gloria Benítez',
      ]);
      // The observer was in neither set.
      expect(await found(forumMember, { text: 'olga' })).toEqual([]);

      const back = await t.gql<{ setMembershipsVisibility: { changed: number } }>(
        setMany({ networkId: gov, memberState: 'UY', visibility: 'NETWORK' }),
        { token: govSecretariat },
      );
      expect(back.body.data!.setMembershipsVisibility.changed).toBe(1);
      expect(await found(forumMember, { text: 'ulises' })).toEqual([]);
      const entries = (await t.dataSource.query(
        `SELECT before, after FROM audit_log
          WHERE network_id = $1 AND action = 'setVisibility' AND entity_id = $2 ORDER BY audit_log.id`,
        [gov, memberships.ulises],
      )) as { before: unknown; after: unknown }[];
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [{ visibility: 'NETWORK' }, { visibility: 'PARTNERS', bulk: { role: 'FOCAL_POINT', memberState: null } }],
        [{ visibility: 'PARTNERS' }, { visibility: 'NETWORK', bulk: { role: null, memberState: 'UY' } }],
      ]);
    });

    it('another network changes nothing: a hidden membership or network answers like a missing one', async () => {
      const heraTerm = (
        (await t.dataSource.query(`SELECT id FROM membership WHERE person_id = $1`, [people.hera])) as { id: string }[]
      )[0].id;
      const hiddenOne = await t.gql(setOne(heraTerm, 'PUBLIC'), { token: strangerSecretariat, lang: 'es' });
      const missingOne = await t.gql(setOne(MISSING, 'PUBLIC'), { token: strangerSecretariat, lang: 'es' });
      expect(errorOf(hiddenOne)).toEqual({ code: 'NOT_FOUND', message: errorOf(missingOne).message });
      expect(code(missingOne)).toBe('NOT_FOUND');

      const hiddenMany = await t.gql(setMany({ networkId: hidden, visibility: 'PUBLIC' }), {
        token: strangerSecretariat,
      });
      const missingMany = await t.gql(setMany({ networkId: MISSING, visibility: 'PUBLIC' }), {
        token: strangerSecretariat,
      });
      expect(errorOf(hiddenMany)).toEqual(errorOf(missingMany));
      expect(code(hiddenMany)).toBe('NOT_FOUND');

      // Seen but not managed: the partner forum's member, the secretariat of a network it cannot manage.
      expect(code(await t.gql(setOne(memberships.gloria, 'PUBLIC'), { token: forumMember }))).toBe('FORBIDDEN');
      expect(code(await t.gql(setMany({ networkId: gov, visibility: 'PUBLIC' }), { token: forumMember }))).toBe(
        'FORBIDDEN',
      );
      expect(code(await t.gql(setOne(memberships.gloria, 'PUBLIC'), { token: hiddenSecretariat }))).toBe('NOT_FOUND');
      const [{ visibility }] = (await t.dataSource.query(`SELECT visibility FROM membership WHERE id = $1`, [
        heraTerm,
      ])) as { visibility: string }[];
      expect(visibility).toBe('NETWORK');
    });

    it('a bad filter is a localised field error, and nothing changes', async () => {
      const bad = await t.gql(setMany({ networkId: gov, memberState: 'ZZ', visibility: 'PUBLIC' }), {
        token: govSecretariat,
        lang: 'pt',
      });
      expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(bad.body.errors![0].extensions.fields![0].field).toBe('memberState');
      const publicOnes = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM membership WHERE network_id = $1 AND visibility = 'PUBLIC'`,
        [gov],
      )) as { n: number }[];
      expect(publicOnes[0].n).toBe(0);
    });
  });
});
