'use strict';
/**
 * SPEC §6: directory search over 100,000 people, 50 concurrent clients, p95 ≤ 30 ms. Enlace (built,
 * on PostgreSQL) answers `people(text: …, first: 20)` with organisation and country for 50 viewers,
 * each a member of one of 50 networks (so visibility is in every query). The baseline is the same
 * search issued as raw SQL through `pg` (50 connections), in the same run on the same data.
 */
const { randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { Client, Pool } = require('pg');
const { freePort, startProcess, waitForHealth, stop } = require('./lib');
const { generate, SEARCHES } = require('./directory-data');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);

const QUERY = `query Search($text: String) { people(text: $text, first: 20) { totalCount
  edges { node { id name organisation { acronym name { text } } country { code name } } } } }`;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

/** `clients` loops issuing `once(client, i)` back to back for `seconds`; latencies in ms. */
async function run(clients, seconds, once) {
  const latencies = [];
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; Date.now() < end; i += 1) {
        const started = performance.now();
        try {
          await once(client, i);
          latencies.push(performance.now() - started);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
  };
}

const term = (client, i) => SEARCHES[(client * 7 + i) % SEARCHES.length];

/** The words of a search as the service folds them. */
function tokens(text) {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The same search as raw SQL: countries matching, count, page with organisation and country. */
async function rawSearch(pool, viewer, text) {
  const words = tokens(text);
  const params = [viewer.personId, [viewer.networkId]];
  const clauses = words.map((w) => {
    params.push(`${w}:*`);
    const q = `$${params.length}`;
    if (w.length < 4 || /\d/.test(w)) return `sp.search_doc @@ to_tsquery('simple', ${q})`;
    params.push(w);
    const t = `$${params.length}`;
    return `(sp.search_doc @@ to_tsquery('simple', ${q}) OR (${t} <% sp.search_text AND word_similarity(${t}, sp.search_text) >= 0.7))`;
  });
  const visibleMembership = (m, n) =>
    `(${m}.visibility = 'PUBLIC' OR (${m}.visibility IN ('PARTNERS', 'NETWORK') AND ${m}.network_id = ANY($2::uuid[]))
      OR ${m}.person_id = $1) AND (${n}.visibility = 'PUBLIC' OR (${n}.visibility IN ('PARTNERS', 'NETWORK') AND ${n}.id = ANY($2::uuid[])))`;
  const { rows: codes } = await pool.query(
    `SELECT code FROM country WHERE search_doc @@ to_tsquery('simple', $1) LIMIT 50`,
    [words.map((w) => `${w}:*`).join(' & ')],
  );
  params.push(codes.map((c) => c.code));
  const byCountry = `UNION SELECT km.person_id FROM membership km JOIN network kn ON kn.id = km.network_id
    WHERE km.member_state = ANY($${params.length}::bpchar[]) AND ${visibleMembership('km', 'kn')}`;
  const from = `(SELECT sp.id FROM person sp WHERE ${clauses.join(' AND ')} ${byCountry}) hit JOIN person p ON p.id = hit.id`;
  const where = `(p.id = $1 OR EXISTS (SELECT 1 FROM membership m JOIN network n ON n.id = m.network_id
    WHERE m.person_id = p.id AND ${visibleMembership('m', 'n')}))`;
  await pool.query(`SELECT count(*) FROM ${from} WHERE ${where}`, params);
  await pool.query(
    `SELECT p.id, p.name, o.acronym, o.name AS org, c.code, c.names FROM ${from}
     LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN country c ON c.code = p.country_code
     WHERE ${where} ORDER BY p.name, p.id LIMIT 21`,
    params,
  );
}

async function main() {
  const name = `enlace_bench_dir_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    const port = await freePort();
    const enlace = startProcess(['dist/apps/api/src/main.js'], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    });
    const base = `http://127.0.0.1:${port}`;
    let viewers;
    let enlaceResult;
    let generationSeconds;
    try {
      await waitForHealth(`${base}/health`, enlace, 120_000); // migrated
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      const started = Date.now();
      try {
        viewers = await generate(db, { people: PEOPLE, viewers: CLIENTS });
      } finally {
        await db.end();
      }
      generationSeconds = Math.round((Date.now() - started) / 1000);
      const once = async (client, i) => {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${viewers[client].token}` },
          body: JSON.stringify({ query: QUERY, variables: { text: term(client, i) } }),
        });
        const body = await res.json();
        if (res.status !== 200 || body.errors) throw new Error(JSON.stringify(body.errors));
      };
      await once(0, 0);
      await run(CLIENTS, 3, once); // warm-up
      enlaceResult = await run(CLIENTS, DURATION_S, once);
    } finally {
      await stop(enlace);
    }

    const pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
    pool.on('error', () => {}); // idle clients closed by the DROP DATABASE at the end
    let sqlResult;
    try {
      const once = (client, i) => rawSearch(pool, viewers[client], term(client, i));
      await run(CLIENTS, 3, once);
      sqlResult = await run(CLIENTS, DURATION_S, once);
    } finally {
      await pool.end();
    }

    const result = {
      benchmark: 'directory-search',
      people: PEOPLE,
      networks: 50,
      clients: CLIENTS,
      durationSeconds: DURATION_S,
      generationSeconds,
      query: 'people(text, first: 20) { totalCount edges { node { id name organisation country } } }',
      enlace: enlaceResult,
      baselineRawSql: sqlResult,
      p95Ratio: Number((enlaceResult.p95Ms / sqlResult.p95Ms).toFixed(2)),
      throughputRatio: Number((enlaceResult.requestsPerSecond / sqlResult.requestsPerSecond).toFixed(2)),
      target: 'enlace p95 <= 30 ms',
      meetsTarget: enlaceResult.p95Ms <= 30 && enlaceResult.failures === 0,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
