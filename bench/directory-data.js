'use strict';
/**
 * Directory benchmark data: 100,000 people across 40 governmental networks and 10 civil-society
 * forums, written set-based with generate_series into a migrated database (search documents and
 * anything else the schema maintains are filled by the same triggers as in production).
 *
 * Every attribute is drawn from its own hash of the person's number (`h(salt, g)`), so names,
 * organisations, countries, networks, roles and visibilities are independent of each other: a name
 * is as likely in one network as in any other, and a viewer's search finds what a real directory
 * would give them, not an artefact of the generator's arithmetic. Deterministic: the same database
 * every run.
 *
 * Viewers of every kind SPEC §3 knows, each with a live session: observers and focal points of a
 * governmental network, members of a forum partnered with governmental networks, secretariats, and
 * platform administrators (who belong to no network).
 */
const { createHash, randomBytes } = require('node:crypto');

const FIRST = [
  'Alejandra',
  'Andrés',
  'Beatriz',
  'Camila',
  'Daniel',
  'Élodie',
  'Esteban',
  'Fernanda',
  'Gabriel',
  'Gloria',
  'Héctor',
  'Inés',
  'Jimena',
  'Jorge',
  'Kwame',
  'Leonor',
  'Luis',
  'Marcela',
  'Mateo',
  'Natalia',
  'Óscar',
  'Patricia',
  'Ramiro',
  'Rocío',
  'Santiago',
  'Silvia',
  'Tomás',
  'Verónica',
  'Wanjiru',
  'Ximena',
  'Adriana',
  'Bruno',
  'Céline',
  'Diogo',
  'François',
  'Gonçalo',
  'Hélène',
  'João',
  'Léa',
  'Noémie',
];
const LAST = [
  'Aguirre',
  'Barrios',
  'Cabrera',
  'Domínguez',
  'Escobar',
  'Figueroa',
  'Gutiérrez',
  'Ibáñez',
  'Jiménez',
  'Lozano',
  'Maldonado',
  'Núñez',
  'Ocampo',
  'Paredes',
  'Quiroga',
  'Rojas',
  'Salazar',
  'Toledo',
  'Urquiza',
  'Vallejo',
  'Zúñiga',
  'Peña',
  'Muñoz',
  'Castañeda',
  'Araújo',
  'Gonçalves',
  'Moreira',
  'Dubois',
  'Fontaine',
  'Mercier',
  'Nkurunziza',
  'Habimana',
  'Kariuki',
  'Mensah',
  'Mwangi',
  'Okafor',
  'Osei',
  'Walsh',
  'Nakamura',
  'Van Dijk',
];
const ORG_WORDS = ['Ministerio', 'Defensoría', 'Observatorio', 'Instituto', 'Comisión', 'Forum', 'Centre', 'Rede'];

const GOVERNMENTAL = 40;
const FORUMS = 10;
const NETWORKS = GOVERNMENTAL + FORUMS;
const VIEWER_KINDS = ['observer', 'focal point', 'partner forum', 'secretariat', 'administrator'];

const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

/** A uniform number in [0, mod) drawn from md5(salt:g): independent for each salt. */
const h = (salt, g, mod) => `((('x' || substr(md5('${salt}:' || (${g})), 1, 8))::bit(32)::bigint % ${mod})::int)`;

/** Picks from the visibility mix by a hash: 20 % PUBLIC, 20 % PARTNERS, 50 % NETWORK, 10 % RESTRICTED. */
const visibilityOf = (salt, g) =>
  `(CASE WHEN ${h(salt, g, 10)} < 2 THEN 'PUBLIC' WHEN ${h(salt, g, 10)} < 4 THEN 'PARTNERS'
         WHEN ${h(salt, g, 10)} < 9 THEN 'NETWORK' ELSE 'RESTRICTED' END)`;

async function generate(client, { people = 100_000, viewersPerKind = 10 } = {}) {
  await client.query(`
    INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
    SELECT 'bench-net-' || lpad(g::text, 2, '0'),
      jsonb_build_object('en', jsonb_build_object('text', 'Bench network ' || g, 'status', 'ORIGINAL')),
      CASE WHEN g > ${GOVERNMENTAL} THEN 'CIVIL_SOCIETY' ELSE 'GOVERNMENTAL' END, 'en', ARRAY['en'],
      ${visibilityOf('netvis', 'g')}
    FROM generate_series(1, ${NETWORKS}) g`);
  // Each forum is a partner of 8 governmental networks (both directions are stored).
  await client.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'bench-net-%'),
      pairs AS (
        SELECT DISTINCT n.a[f] AS forum, n.a[1 + ${h('partner', "f || ':' || k", GOVERNMENTAL)}] AS governmental
        FROM n, generate_series(${GOVERNMENTAL + 1}, ${NETWORKS}) f, generate_series(1, 8) k)
    INSERT INTO network_partner (network_id, partner_id)
    SELECT forum, governmental FROM pairs UNION ALL SELECT governmental, forum FROM pairs
    ON CONFLICT DO NOTHING`);
  await client.query(`
    WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country)
    INSERT INTO member_state (network_id, country_code, joined_on)
    SELECT n.id, c.a[1 + ${h('state', "n.slug || ':' || s", 'array_length(c.a, 1)')}], '2015-01-01'
    FROM network n, generate_series(1, 30) s, c
    WHERE n.slug LIKE 'bench-net-%'
    ON CONFLICT DO NOTHING`);
  await client.query(`
    WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country), w AS (SELECT ${sqlArray(ORG_WORDS)} AS a)
    INSERT INTO organisation (type, name, acronym, country_code)
    SELECT (ARRAY['GOVERNMENT', 'CIVIL_SOCIETY', 'ACADEMIC', 'UN', 'INTERGOVERNMENTAL', 'OTHER'])[1 + ${h('orgtype', 'g', 6)}],
      jsonb_build_object('es', jsonb_build_object('text', w.a[1 + ${h('orgword', 'g', ORG_WORDS.length)}] || ' ' || g, 'status', 'ORIGINAL')),
      'ORG' || g, c.a[1 + ${h('orgcountry', 'g', 'array_length(c.a, 1)')}]
    FROM generate_series(1, 2000) g, c, w`);
  for (let start = 1; start <= people; start += 20_000) {
    const end = Math.min(people, start + 19_999);
    await client.query(`
      WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country),
        f AS (SELECT ${sqlArray(FIRST)} AS a), l AS (SELECT ${sqlArray(LAST)} AS a),
        o AS (SELECT array_agg(id ORDER BY acronym) AS a FROM organisation WHERE acronym LIKE 'ORG%')
      INSERT INTO person (name, job_title, organisation_id, country_code, languages, preferred_language, external_ref)
      SELECT f.a[1 + ${h('first', 'g', FIRST.length)}] || ' ' || l.a[1 + ${h('last', 'g', LAST.length)}]
          || CASE WHEN ${h('double', 'g', 3)} = 0 THEN ' ' || l.a[1 + ${h('last2', 'g', LAST.length)}] ELSE '' END,
        CASE WHEN ${h('title', 'g', 4)} = 0 THEN 'Director' ELSE NULL END,
        o.a[1 + ${h('org', 'g', 2000)}], c.a[1 + ${h('country', 'g', 'array_length(c.a, 1)')}],
        CASE ${h('langs', 'g', 4)} WHEN 0 THEN ARRAY['es', 'en'] WHEN 1 THEN ARRAY['pt', 'en'] WHEN 2 THEN ARRAY['fr', 'en']
          ELSE ARRAY['en', 'es'] END,
        'en', 'BENCH-' || g
      FROM generate_series(${start}, ${end}) g, c, f, l, o`);
  }
  // Memberships: 1 % of people have none (only administrators see them), the others one in a network
  // drawn by hash and a third of them a second one. 5 % of first memberships are focal points of the
  // person's own country; the focal points of one seat (network × member state) follow each other
  // from 2018-01-01, a day a term, the last one still open. One term in nine ended in 2022.
  await client.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'bench-net-%'),
      p AS (SELECT id, country_code, substr(external_ref, 7)::int AS g FROM person WHERE external_ref LIKE 'BENCH-%'),
      m AS (
        SELECT p.id, p.g, n.a[1 + ${h('net1', 'p.g', NETWORKS)}] AS network_id,
          CASE WHEN ${h('role1', 'p.g', 20)} = 0 THEN 'FOCAL_POINT'
               WHEN ${h('role1', 'p.g', 20)} < 10 THEN 'CIVIL_SOCIETY' ELSE 'OBSERVER' END AS role,
          CASE WHEN ${h('role1', 'p.g', 20)} = 0 THEN p.country_code ELSE NULL END AS member_state
        FROM p, n WHERE ${h('none', 'p.g', 100)} <> 0),
      t AS (
        SELECT m.*, row_number() OVER seat AS k, count(*) OVER (PARTITION BY network_id, role, member_state) AS terms
        FROM m WINDOW seat AS (PARTITION BY network_id, role, member_state ORDER BY g))
    INSERT INTO membership (person_id, network_id, role, member_state, visibility, starts_on, ends_on)
    SELECT t.id, t.network_id, t.role, t.member_state, ${visibilityOf('vis1', 't.g')},
      CASE WHEN t.role = 'FOCAL_POINT' THEN date '2018-01-01' + (t.k::int - 1) ELSE date '2018-01-01' END,
      CASE WHEN t.role = 'FOCAL_POINT' AND t.k < t.terms THEN date '2018-01-01' + t.k::int
           WHEN t.role <> 'FOCAL_POINT' AND ${h('ended1', 't.g', 9)} = 0 THEN '2022-01-01'::date ELSE NULL END
    FROM t`);
  await client.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'bench-net-%'),
      p AS (SELECT id, substr(external_ref, 7)::int AS g FROM person WHERE external_ref LIKE 'BENCH-%')
    INSERT INTO membership (person_id, network_id, role, visibility, starts_on, ends_on)
    SELECT p.id, n.a[1 + ${h('net2', 'p.g', NETWORKS)}], 'OBSERVER', ${visibilityOf('vis2', 'p.g')}, '2020-01-01',
      CASE WHEN ${h('ended2', 'p.g', 9)} = 0 THEN '2022-01-01'::date ELSE NULL END
    FROM p, n
    WHERE ${h('none', 'p.g', 100)} <> 0 AND ${h('second', 'p.g', 3)} = 0
      AND n.a[1 + ${h('net2', 'p.g', NETWORKS)}] <> n.a[1 + ${h('net1', 'p.g', NETWORKS)}]`);
  await client.query(`
    INSERT INTO person_contact (person_id, kind, value, visibility)
    SELECT id, 'EMAIL', 'bench.' || substr(external_ref, 7) || '@example.org', 'NETWORK' FROM person WHERE external_ref LIKE 'BENCH-%'`);

  const { rows: nets } = await client.query(`SELECT id, kind FROM network WHERE slug LIKE 'bench-net-%' ORDER BY slug`);
  const governmental = nets.filter((n) => n.kind === 'GOVERNMENTAL');
  const forums = nets.filter((n) => n.kind === 'CIVIL_SOCIETY');
  const viewers = [];
  for (let i = 0; i < viewersPerKind; i += 1) {
    for (const kind of VIEWER_KINDS) {
      const n = viewers.length;
      const {
        rows: [person],
      } = await client.query(`INSERT INTO person (name) VALUES ($1) RETURNING id`, [`Bench Viewer ${n}`]);
      const {
        rows: [account],
      } = await client.query(
        `INSERT INTO account (person_id, email, password_hash, is_admin) VALUES ($1, $2, 'x', $3) RETURNING id`,
        [person.id, `bench-viewer-${n}@example.org`, kind === 'administrator'],
      );
      const network =
        kind === 'partner forum' ? forums[i % forums.length] : governmental[(i * 7) % governmental.length];
      if (kind === 'focal point') {
        // A member state of the network whose seat holds no term, so the viewer's own term overlaps none.
        await client.query(
          `INSERT INTO membership (person_id, network_id, role, member_state)
           SELECT $1, $2, 'FOCAL_POINT', c.code FROM country c
           WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.network_id = $2 AND m.role = 'FOCAL_POINT' AND m.member_state = c.code)
           ORDER BY c.code LIMIT 1`,
          [person.id, network.id],
        );
      } else if (kind !== 'administrator') {
        const role = { observer: 'OBSERVER', 'partner forum': 'CIVIL_SOCIETY', secretariat: 'SECRETARIAT' }[kind];
        await client.query(`INSERT INTO membership (person_id, network_id, role) VALUES ($1, $2, $3)`, [
          person.id,
          network.id,
          role,
        ]);
      }
      const token = `enl_${randomBytes(32).toString('base64url')}`;
      await client.query(
        `INSERT INTO session (account_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
        [account.id, createHash('sha256').update(token, 'utf8').digest()],
      );
      viewers.push({ kind, token, personId: person.id });
    }
  }
  // The state autovacuum leaves a database in before anyone searches it: dead row versions gone,
  // the visibility map set, GIN pending lists merged, statistics current.
  await client.query('VACUUM ANALYZE');
  return viewers;
}

/**
 * Search strings: first and last names, both words, country names in the four languages,
 * organisations, typos that only the fuzzy retry finds, and words nobody has.
 */
const SEARCHES = [
  ...FIRST.slice(0, 20),
  ...LAST.slice(0, 20).map((l) => l.toLowerCase()),
  'jorge rojas',
  'ines peña',
  'Kwame Mensah',
  'lea dubois',
  'Pérou',
  'peru',
  'Brasil',
  'Brésil',
  'Allemagne',
  'Alemania',
  'Kenya',
  'Quénia',
  'México',
  'Sénégal',
  'defensoria',
  'observatorio 12',
  'Instituto',
  'Quirogaa',
  'Maldonato',
  'Fernandaa Rojas',
  'Zyxwvu',
];

module.exports = { generate, SEARCHES, VIEWER_KINDS };
