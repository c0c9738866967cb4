import { DataSource } from 'typeorm';
import { Actor, allOf, anonymousActor, fresh, namedQuery, NetworkRole, SqlPredicate } from '@enlace/core';
import { testContext, TestContext } from '@enlace/testing';
import { FUZZY_THRESHOLD, networkVisibleSql } from '../directory-sql.repository';
import { isFuzzyWord, prefixTsQuery, searchTokens } from '../directory-rules';
import { DirectoryModule } from '../directory.module';
import { membershipVisibility } from '../memberships/membership.visibility';
import { PERSON_COLUMNS } from './person.repository';
import { visibleMembershipExists } from './person.visibility';
import { PersonSearchService, SearchPeopleCommand } from './person-search.service';

jest.setTimeout(120_000);

/*
 * The search on audience keys (person.vis_keys, one statement with the fuzzy retry inside) must find
 * exactly what the search it replaced found: the same totals, the same pages, the same exports, for
 * viewers of every kind, words, typos and filters. `legacy` below is that search as it was (visibility
 * as EXISTS over memberships and networks, countries matched by a statement of their own, a window
 * count, the retry as a second statement), kept here as the reference.
 */

interface LegacyQuery extends SearchPeopleCommand {
  readonly tokens: readonly string[];
  readonly fuzzy: boolean;
  readonly countryCodes: readonly string[];
}

function legacyWordsMatch(alias: string, tokens: readonly string[], fuzzy: boolean): SqlPredicate {
  const params: Record<string, unknown> = {};
  const clauses = tokens.map((token) => {
    const p = fresh('w');
    params[`${p}_q`] = `${token}:*`;
    if (!fuzzy || !isFuzzyWord(token)) return `${alias}.search_doc @@ to_tsquery('simple', :${p}_q)`;
    params[`${p}_t`] = token;
    return (
      `(${alias}.search_doc @@ to_tsquery('simple', :${p}_q)` +
      ` OR (:${p}_t <% ${alias}.search_text AND word_similarity(:${p}_t, ${alias}.search_text) >= ${FUZZY_THRESHOLD}))`
    );
  });
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : 'TRUE', params };
}

function legacyPersonVisibility(actor: Actor, alias: string): SqlPredicate {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (actor.personId !== null) {
    const self = fresh('self');
    clauses.push(`${alias}.id = CAST(:${self} AS uuid)`);
    params[self] = actor.personId;
  }
  const memberships = visibleMembershipExists(actor, alias);
  clauses.push(memberships.sql);
  Object.assign(params, memberships.params);
  if (actor.isAdmin) clauses.push(`NOT EXISTS (SELECT 1 FROM membership am WHERE am.person_id = ${alias}.id)`);
  return { sql: `(${clauses.join(' OR ')})`, params };
}

function legacyParts(actor: Actor, q: LegacyQuery): { from: string; where: SqlPredicate } {
  const predicates: SqlPredicate[] = [];
  const filter = {
    networkId: q.networkId ?? undefined,
    role: (q.role ?? undefined) as NetworkRole | undefined,
    memberState: q.memberState ?? undefined,
    activeOnly: q.activeOnly ?? false,
  };
  const hasMembershipFilter = Boolean(filter.networkId || filter.role || filter.memberState || filter.activeOnly);
  predicates.push(
    hasMembershipFilter ? visibleMembershipExists(actor, 'p', filter) : legacyPersonVisibility(actor, 'p'),
  );
  if (q.organisationId)
    predicates.push({ sql: 'p.organisation_id = CAST(:orgId AS uuid)', params: { orgId: q.organisationId } });
  if (q.organisationType) {
    predicates.push({
      sql: 'EXISTS (SELECT 1 FROM organisation po WHERE po.id = p.organisation_id AND po.type = :orgType)',
      params: { orgType: q.organisationType },
    });
  }
  if (q.countryCode) predicates.push({ sql: 'p.country_code = :country', params: { country: q.countryCode } });
  if (q.language) predicates.push({ sql: ':language = ANY(p.languages)', params: { language: q.language } });
  let from = 'person p';
  if (q.tokens.length > 0) {
    let byCountry: SqlPredicate | null = null;
    if (q.countryCodes.length > 0) {
      const m = fresh('km');
      const n = fresh('kn');
      const visible = allOf([membershipVisibility(actor, m), networkVisibleSql(actor, n)]);
      byCountry = {
        sql: `${m}.person_id FROM membership ${m} JOIN network ${n} ON ${n}.id = ${m}.network_id
          WHERE ${m}.member_state = ANY(CAST(:${m}_codes AS bpchar[])) AND ${visible.sql}`,
        params: { [`${m}_codes`]: [...q.countryCodes], ...visible.params },
      };
    }
    const words = legacyWordsMatch('sp', q.tokens, q.fuzzy);
    from = `(SELECT sp.id FROM person sp WHERE ${words.sql}
      ${byCountry ? `UNION SELECT ${byCountry.sql}` : ''}) hit JOIN person p ON p.id = hit.id`;
    predicates.push({ sql: 'TRUE', params: { ...words.params, ...byCountry?.params } });
  }
  return { from, where: allOf(predicates) };
}

async function legacyPage(ds: DataSource, actor: Actor, q: LegacyQuery, first: number, after: [string, string] | null) {
  const { from, where } = legacyParts(actor, q);
  const keyset = after
    ? {
        sql: '(p.name, p.id) > (:afterName, CAST(:afterId AS uuid))',
        params: { afterName: after[0], afterId: after[1] },
      }
    : { sql: 'TRUE', params: {} };
  const rows = await namedQuery<{ id: string; name: string; total_count: string }>(
    ds.manager,
    `SELECT ${PERSON_COLUMNS}, count(*) OVER () AS total_count FROM ${from} WHERE ${where.sql} AND ${keyset.sql}
     ORDER BY p.name, p.id LIMIT :limit`,
    { ...where.params, ...keyset.params, limit: first + 1 },
  );
  return rows;
}

async function legacyQuery(ds: DataSource, command: SearchPeopleCommand): Promise<LegacyQuery> {
  const tokens = command.text ? searchTokens(command.text) : [];
  const countryCodes =
    tokens.length > 0
      ? (
          (await ds.query(
            `SELECT code FROM country WHERE search_doc @@ to_tsquery('simple', $1) ORDER BY code LIMIT 50`,
            [prefixTsQuery(tokens)],
          )) as { code: string }[]
        ).map((r) => r.code)
      : [];
  return { ...command, tokens, fuzzy: false, countryCodes };
}

/** The legacy search: total and the first two pages of `first`, with the retry when nothing visible matched. */
async function legacySearch(ds: DataSource, actor: Actor, command: SearchPeopleCommand, first: number) {
  let q = await legacyQuery(ds, command);
  let rows = await legacyPage(ds, actor, q, first, null);
  if (rows.length === 0 && q.tokens.some(isFuzzyWord)) {
    q = { ...q, fuzzy: true };
    rows = await legacyPage(ds, actor, q, first, null);
  }
  const total = rows.length > 0 ? Number(rows[0].total_count) : 0;
  const pageOne = rows.slice(0, first).map((r) => r.id);
  let pageTwo: string[] = [];
  if (rows.length > first) {
    const last = rows[first - 1];
    pageTwo = (await legacyPage(ds, actor, q, first, [last.name, last.id])).slice(0, first).map((r) => r.id);
  }
  return { q, total, pageOne, pageTwo };
}

/** The legacy export: every match, page after page. */
async function legacyAll(ds: DataSource, actor: Actor, q: LegacyQuery, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await legacyPage(ds, actor, q, pageSize, after);
    const page = rows.slice(0, pageSize);
    ids.push(...page.map((r) => r.id));
    if (rows.length <= pageSize) return ids;
    after = [page[page.length - 1].name, page[page.length - 1].id];
  }
}

const h = (salt: string, g: string, mod: number | string) =>
  `((('x' || substr(md5('${salt}:' || (${g})), 1, 8))::bit(32)::bigint % ${mod})::int)`;
const VIS = (salt: string, g: string) =>
  `(ARRAY['PUBLIC', 'PARTNERS', 'NETWORK', 'NETWORK', 'RESTRICTED'])[1 + ${h(salt, g, 5)}]`;
const FIRST = ['Ana', 'Rosa', 'Luis', 'Jorge', 'Inés', 'Émile', 'Kwame', 'Léa', 'Mateo', 'Silvia'];
const LAST = ['Quispe', 'Rojas', 'Peña', 'Côté', 'Mensah', 'Dubois', 'Quiroga', 'Núñez', 'Pereira', 'Walsh'];
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** 1,500 people with hash-drawn names, organisations, countries, memberships and visibilities in 8 networks. */
async function generate(ds: DataSource): Promise<{ networks: { id: string; visibility: string }[]; people: string[] }> {
  await ds.query(`
    INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
    SELECT 'eq-' || g, jsonb_build_object('en', jsonb_build_object('text', 'Net ' || g, 'status', 'ORIGINAL')),
      'GOVERNMENTAL', 'en', ARRAY['en'], (ARRAY['PUBLIC', 'PARTNERS', 'NETWORK', 'RESTRICTED'])[1 + g % 4]
    FROM generate_series(1, 8) g`);
  const networks = (await ds.query(`SELECT id, visibility FROM network WHERE slug LIKE 'eq-%' ORDER BY slug`)) as {
    id: string;
    visibility: string;
  }[];
  for (const [a, b] of [
    [0, 1],
    [0, 2],
    [3, 4],
    [5, 1],
  ]) {
    await ds.query(`INSERT INTO network_partner (network_id, partner_id) VALUES ($1, $2), ($2, $1)`, [
      networks[a].id,
      networks[b].id,
    ]);
  }
  await ds.query(`
    WITH c AS (SELECT ARRAY['PE', 'BR', 'FR', 'KE', 'MX', 'SN', 'DE', 'PY'] AS a)
    INSERT INTO organisation (type, name, acronym, country_code)
    SELECT (ARRAY['GOVERNMENT', 'CIVIL_SOCIETY', 'ACADEMIC'])[1 + ${h('ot', 'g', 3)}],
      jsonb_build_object('es', jsonb_build_object('text', (ARRAY['Instituto', 'Defensoría', 'Observatorio'])[1 + ${h('ow', 'g', 3)}] || ' ' || g, 'status', 'ORIGINAL')),
      'EQ' || g, c.a[1 + ${h('oc', 'g', 8)}]
    FROM generate_series(1, 40) g, c`);
  await ds.query(`
    WITH c AS (SELECT ARRAY['PE', 'BR', 'FR', 'KE', 'MX', 'SN', 'DE', 'PY'] AS a),
      o AS (SELECT array_agg(id ORDER BY acronym) AS a FROM organisation WHERE acronym LIKE 'EQ%')
    INSERT INTO person (name, organisation_id, country_code, languages, external_ref)
    SELECT (${arr(FIRST)})[1 + ${h('f', 'g', 10)}] || ' ' || (${arr(LAST)})[1 + ${h('l', 'g', 10)}],
      CASE WHEN ${h('hasorg', 'g', 4)} > 0 THEN o.a[1 + ${h('o', 'g', 40)}] END,
      CASE WHEN ${h('hascountry', 'g', 5)} > 0 THEN c.a[1 + ${h('c', 'g', 8)}] END,
      CASE WHEN ${h('lang', 'g', 2)} = 0 THEN ARRAY['es', 'en'] ELSE ARRAY['fr', 'pt'] END,
      'EQ-' || g
    FROM generate_series(1, 1500) g, c, o`);
  await ds.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'eq-%'),
      p AS (SELECT id, country_code, substr(external_ref, 4)::int AS g FROM person WHERE external_ref LIKE 'EQ-%')
    INSERT INTO membership (person_id, network_id, role, member_state, visibility, starts_on, ends_on)
    SELECT p.id, n.a[1 + ${h('n1', 'p.g', 8)}],
      CASE WHEN ${h('r', 'p.g', 10)} = 0 THEN 'ALTERNATE_FOCAL_POINT'
           WHEN ${h('r', 'p.g', 10)} < 5 THEN 'CIVIL_SOCIETY' ELSE 'OBSERVER' END,
      -- the member state they represent, drawn apart from their own country
      CASE WHEN ${h('r', 'p.g', 10)} = 0 THEN (ARRAY['PE', 'BR', 'FR', 'KE', 'MX', 'SN', 'DE', 'PY'])[1 + ${h('ms', 'p.g', 8)}] END,
      ${VIS('v1', 'p.g')}, date '2015-01-01' + p.g,
      CASE WHEN ${h('r', 'p.g', 10)} = 0 THEN date '2015-01-02' + p.g
           WHEN ${h('e1', 'p.g', 4)} = 0 THEN date '2016-01-01' + p.g END
    FROM p, n WHERE ${h('none', 'p.g', 20)} <> 0
    UNION ALL
    SELECT p.id, n.a[1 + ${h('n2', 'p.g', 8)}], 'OBSERVER', NULL, ${VIS('v2', 'p.g')}, '2019-01-01', NULL
    FROM p, n WHERE ${h('none', 'p.g', 20)} <> 0 AND ${h('two', 'p.g', 3)} = 0
      AND ${h('n2', 'p.g', 8)} <> ${h('n1', 'p.g', 8)}`);
  const people = (
    (await ds.query(`SELECT id FROM person WHERE external_ref LIKE 'EQ-%' ORDER BY external_ref LIMIT 3`)) as {
      id: string;
    }[]
  ).map((r) => r.id);
  return { networks, people };
}

describe('people search on audience keys finds what the search it replaced found', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let service: PersonSearchService;
  const viewers: Record<string, Actor> = {};
  let networks: { id: string; visibility: string }[];
  let organisationId: string;

  beforeAll(async () => {
    ctx = await testContext({ imports: [DirectoryModule] });
    ds = ctx.dataSource;
    service = ctx.get(PersonSearchService);
    const generated = await generate(ds);
    networks = generated.networks;
    [{ id: organisationId }] = (await ds.query(`SELECT id FROM organisation WHERE acronym = 'EQ7'`)) as {
      id: string;
    }[];
    const partners = async (ids: string[]) =>
      (
        (await ds.query(`SELECT DISTINCT partner_id FROM network_partner WHERE network_id = ANY($1::uuid[])`, [
          ids,
        ])) as {
          partner_id: string;
        }[]
      ).map((r) => r.partner_id);
    const member = async (personId: string | null, memberships: { n: number; role: NetworkRole; state?: string }[]) => {
      const ids = memberships.map((m) => networks[m.n].id);
      const id = personId ?? `00000000-0000-4000-8000-${String(Object.keys(viewers).length).padStart(12, '0')}`;
      return {
        ...anonymousActor('en'),
        personId: id,
        accountId: id,
        memberships: memberships.map((m) => ({
          networkId: networks[m.n].id,
          role: m.role,
          memberState: m.state ?? null,
        })),
        partnerNetworkIds: await partners(ids),
      } as Actor;
    };
    viewers.anonymous = anonymousActor('en');
    viewers['observer'] = await member(null, [{ n: 2, role: 'OBSERVER' }]);
    viewers['focal point'] = await member(null, [{ n: 1, role: 'FOCAL_POINT', state: 'PE' }]);
    viewers['partner forum'] = await member(null, [{ n: 0, role: 'CIVIL_SOCIETY' }]);
    viewers['secretariat of a RESTRICTED network'] = await member(null, [{ n: 3, role: 'SECRETARIAT' }]);
    viewers['secretariat and observer'] = await member(null, [
      { n: 4, role: 'SECRETARIAT' },
      { n: 6, role: 'OBSERVER' },
    ]);
    viewers['member, viewing themself'] = await member(generated.people[0], [{ n: 5, role: 'OBSERVER' }]);
    viewers['administrator'] = { ...(await member(null, [])), isAdmin: true };
    viewers['administrator and secretariat'] = {
      ...(await member(null, [{ n: 7, role: 'SECRETARIAT' }])),
      isAdmin: true,
    };
  });
  afterAll(async () => {
    await ctx.close();
  });

  const WORDS = [
    ...FIRST,
    ...LAST.map((l) => l.toLowerCase()),
    'rosa quispe',
    'ines pena',
    'peru',
    'Brésil',
    'Kenya',
    'Allemagne',
    'instituto',
    'defensoria 1',
    'Quispee',
    'Rojaz Ana',
    'Dubios',
    'zyxwv',
    'a',
    '',
  ];

  it('on a sample of (viewer, words, filters): the same totals, pages and exports', async () => {
    const filters: SearchPeopleCommand[] = [
      {},
      { networkId: networks[1].id },
      { networkId: networks[3].id, activeOnly: true },
      { role: 'ALTERNATE_FOCAL_POINT' },
      { memberState: 'PE' },
      { countryCode: 'BR' },
      { language: 'fr' },
      { organisationType: 'ACADEMIC' },
      { organisationId },
    ];
    let compared = 0;
    let nonEmpty = 0;
    let fuzzyTaken = 0;
    let k = 0;
    for (const [viewer, actor] of Object.entries(viewers)) {
      for (const text of WORDS) {
        for (const filter of filters) {
          k += 1;
          // Every filter with the first words and the empty text, a third of the rest.
          if (filter !== filters[0] && text !== '' && text !== WORDS[0] && k % 3 !== 0) continue;
          const command: SearchPeopleCommand = { ...filter, text };
          const expected = await legacySearch(ds, actor, command, 20);
          const page = await service.search(actor, { ...command, first: 20 });
          const ids = page.items.map((p) => p.id);
          let pageTwo: string[] = [];
          if (page.hasNextPage) {
            pageTwo = (
              await service.search(actor, { ...command, first: 20, after: page.cursors[page.cursors.length - 1] })
            ).items.map((p) => p.id);
          }
          const label = { viewer, command };
          expect({ ...label, total: page.totalCount, ids, pageTwo }).toEqual({
            ...label,
            total: expected.total,
            ids: expected.pageOne,
            pageTwo: expected.pageTwo,
          });
          if (k % 4 === 0) {
            const exported: string[] = [];
            for await (const rows of service.searchAll(actor, command, 25)) exported.push(...rows.map((r) => r.id));
            expect({ ...label, exported }).toEqual({ ...label, exported: await legacyAll(ds, actor, expected.q, 25) });
          }
          compared += 1;
          if (expected.total > 0) nonEmpty += 1;
          if (expected.q.fuzzy && expected.total > 0) fuzzyTaken += 1;
        }
      }
    }
    // The sample exercises what it claims to: many pairs, most finding someone, some only by the retry.
    expect(compared).toBeGreaterThan(400);
    expect(nonEmpty).toBeGreaterThan(compared / 2);
    expect(fuzzyTaken).toBeGreaterThan(5);
  });
});
