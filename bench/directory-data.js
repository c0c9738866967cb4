'use strict';
/**
 * Directory benchmark data: 100,000 people across 50 networks, written set-based with
 * generate_series into a migrated database (the search documents are filled by the same triggers as
 * in production). Deterministic: the same database every run. Also makes one viewer (a member of
 * one network, with a live session) per client.
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

const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

async function generate(client, { people = 100_000, networks = 50, viewers = 50 } = {}) {
  await client.query(`
    INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
    SELECT 'bench-net-' || g, jsonb_build_object('en', jsonb_build_object('text', 'Bench network ' || g, 'status', 'ORIGINAL')),
      'GOVERNMENTAL', 'en', ARRAY['en'], CASE WHEN g % 5 = 0 THEN 'PUBLIC' ELSE 'NETWORK' END
    FROM generate_series(1, ${networks}) g`);
  await client.query(`
    WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country)
    INSERT INTO member_state (network_id, country_code, joined_on)
    SELECT n.id, c.a[1 + ((row_number() OVER (PARTITION BY n.id ORDER BY s) + n.rn * 7) % array_length(c.a, 1))::int], '2015-01-01'
    FROM (SELECT id, row_number() OVER (ORDER BY slug) AS rn FROM network WHERE slug LIKE 'bench-net-%') n,
      generate_series(1, 30) s, c
    ON CONFLICT DO NOTHING`);
  await client.query(`
    WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country), w AS (SELECT ${sqlArray(ORG_WORDS)} AS a)
    INSERT INTO organisation (type, name, acronym, country_code)
    SELECT (ARRAY['GOVERNMENT', 'CIVIL_SOCIETY', 'ACADEMIC', 'UN', 'INTERGOVERNMENTAL', 'OTHER'])[1 + g % 6],
      jsonb_build_object('es', jsonb_build_object('text', w.a[1 + g % 8] || ' ' || g, 'status', 'ORIGINAL')),
      'ORG' || g, c.a[1 + (g * 17) % array_length(c.a, 1)]
    FROM generate_series(1, 2000) g, c, w`);
  for (let start = 1; start <= people; start += 20_000) {
    const end = Math.min(people, start + 19_999);
    await client.query(`
      WITH c AS (SELECT array_agg(code ORDER BY code) AS a FROM country),
        f AS (SELECT ${sqlArray(FIRST)} AS a), l AS (SELECT ${sqlArray(LAST)} AS a),
        o AS (SELECT array_agg(id ORDER BY acronym) AS a FROM organisation WHERE acronym LIKE 'ORG%')
      INSERT INTO person (name, job_title, organisation_id, country_code, languages, preferred_language, external_ref)
      SELECT f.a[1 + (g * 7) % 40] || ' ' || l.a[1 + (g * 13) % 40] || CASE WHEN g % 3 = 0 THEN ' ' || l.a[1 + (g * 31) % 40] ELSE '' END,
        CASE WHEN g % 4 = 0 THEN 'Director' ELSE NULL END, o.a[1 + g % 2000], c.a[1 + (g * 17) % array_length(c.a, 1)],
        CASE g % 4 WHEN 0 THEN ARRAY['es', 'en'] WHEN 1 THEN ARRAY['pt', 'en'] WHEN 2 THEN ARRAY['fr', 'en'] ELSE ARRAY['en', 'es'] END, 'en', 'BENCH-' || g
      FROM generate_series(${start}, ${end}) g, c, f, l, o`);
  }
  // A seat (network × member state × role) never holds overlapping terms: the focal points of one
  // seat (up to a few hundred here) follow each other from 2018-01-01, a day a term, the last one
  // still open (or ended in 2022).
  await client.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'bench-net-%'),
      m AS (
        SELECT p.id, p.g, n.a[1 + (p.g % ${networks})] AS network_id,
          CASE WHEN p.g % 20 = 0 THEN 'FOCAL_POINT' WHEN p.g % 2 = 0 THEN 'CIVIL_SOCIETY' ELSE 'OBSERVER' END AS role,
          CASE WHEN p.g % 20 = 0 THEN p.country_code ELSE NULL END AS member_state
        FROM (SELECT id, country_code, substr(external_ref, 7)::int AS g FROM person WHERE external_ref LIKE 'BENCH-%') p, n),
      t AS (
        SELECT m.*, row_number() OVER seat AS k, count(*) OVER (PARTITION BY network_id, role, member_state) AS terms
        FROM m WINDOW seat AS (PARTITION BY network_id, role, member_state ORDER BY g))
    INSERT INTO membership (person_id, network_id, role, member_state, visibility, starts_on, ends_on)
    SELECT t.id, t.network_id, t.role, t.member_state,
      CASE WHEN t.g % 10 = 3 THEN 'RESTRICTED' WHEN t.g % 10 = 7 THEN 'PUBLIC' ELSE 'NETWORK' END,
      CASE WHEN t.role = 'FOCAL_POINT' THEN date '2018-01-01' + (t.k::int - 1) ELSE date '2018-01-01' END,
      CASE WHEN t.role = 'FOCAL_POINT' AND t.k < t.terms THEN date '2018-01-01' + t.k::int
           WHEN t.g % 9 = 0 THEN '2022-01-01'::date ELSE NULL END
    FROM t`);
  await client.query(`
    WITH n AS (SELECT array_agg(id ORDER BY slug) AS a FROM network WHERE slug LIKE 'bench-net-%')
    INSERT INTO membership (person_id, network_id, role, visibility, starts_on)
    SELECT p.id, n.a[1 + ((p.g + 7) % ${networks})], 'OBSERVER', 'NETWORK', '2020-01-01'
    FROM (SELECT id, substr(external_ref, 7)::int AS g FROM person WHERE external_ref LIKE 'BENCH-%') p, n
    WHERE p.g % 3 = 0`);
  await client.query(`
    INSERT INTO person_contact (person_id, kind, value, visibility)
    SELECT id, 'EMAIL', 'bench.' || substr(external_ref, 7) || '@example.org', 'NETWORK' FROM person WHERE external_ref LIKE 'BENCH-%'`);

  const tokens = [];
  const { rows: nets } = await client.query(`SELECT id FROM network WHERE slug LIKE 'bench-net-%' ORDER BY slug`);
  for (let i = 0; i < viewers; i += 1) {
    const {
      rows: [person],
    } = await client.query(`INSERT INTO person (name) VALUES ($1) RETURNING id`, [`Bench Viewer ${i}`]);
    const {
      rows: [account],
    } = await client.query(`INSERT INTO account (person_id, email, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [
      person.id,
      `bench-viewer-${i}@example.org`,
    ]);
    await client.query(`INSERT INTO membership (person_id, network_id, role) VALUES ($1, $2, 'OBSERVER')`, [
      person.id,
      nets[i % nets.length].id,
    ]);
    const token = `enl_${randomBytes(32).toString('base64url')}`;
    await client.query(
      `INSERT INTO session (account_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [account.id, createHash('sha256').update(token, 'utf8').digest()],
    );
    tokens.push({ token, personId: person.id, networkId: nets[i % nets.length].id });
  }
  await client.query('ANALYZE');
  return tokens;
}

/** Search strings: first and last names, both words, country names in the four languages, organisations. */
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
];

module.exports = { generate, SEARCHES };
