'use strict';
/**
 * SPEC §6: directory search over 100,000 people, 50 searches/s arriving (open loop), p95 ≤ 30 ms
 * (administrators ≤ 60 ms). Enlace (built, on PostgreSQL) answers
 * `people(text: …, first: 20) { totalCount edges { node { id name organisation country } } }`.
 *
 * - Data: bench/directory-data.js (hash-based, attributes independent of each other).
 * - Viewers of every kind: observer, focal point, partner forum member, secretariat, administrator.
 *   A fixed sample of (viewer, word) pairs, the kinds in turn, is what every phase sends.
 * - Open loop: searches arrive at 20/s and at 50/s (Poisson arrivals from a seeded generator) whatever
 *   the answers do; a latency runs from the moment the search was due, so queueing counts. p95 per kind.
 * - Closed loop: 50 clients back to back, for throughput.
 * - Baseline: Enlace's own statements for each pair, recorded on the wire (bench/wire-capture.js)
 *   before the measurement, replayed through `pg` with Enlace's pool size (10), wave after wave as
 *   Enlace issued them: the same SQL, the same values, the same arrivals, without Enlace around it.
 *   Each phase runs for Enlace, then for the baseline, before the next phase.
 * - BENCH_PROFILE (a directory): the measured Enlace process writes a CPU profile there
 *   (`--cpu-prof`; read it with e.g. a script summing self time by function).
 */
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { loadavg } = require('node:os');
const { performance } = require('node:perf_hooks');
const { Client, Pool } = require('pg');
const { freePort, startProcess, waitForHealth, stop } = require('./lib');
const { generate, SEARCHES, VIEWER_KINDS } = require('./directory-data');
const { replay, startWireCapture, waves } = require('./wire-capture');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const CLOSED_S = Number(process.env.BENCH_CLOSED_DURATION ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const RATES = (process.env.BENCH_RATES ?? '20,50').split(',').map(Number);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 250);
/** Enlace's pool on PostgreSQL (libs/core/src/database/data-source.factory.ts). */
const POOL_SIZE = 10;
const TIMEOUT_MS = 30_000;
const CLOCK_TICKS = 100; // USER_HZ, the unit of /proc/<pid>/stat times on Linux

const QUERY = `query Search($text: String) { people(text: $text, first: 20) { totalCount
  edges { node { id name organisation { acronym name { text } } country { code name } } } } }`;

/** mulberry32: a small seeded generator, so every run sends the same pairs at the same moments. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
}

function summarise(samples, seconds) {
  // A failed search (an error, or no answer within TIMEOUT_MS) counts with the time it took.
  const all = samples.map((s) => s.ms);
  all.sort((a, b) => a - b);
  const byKind = {};
  for (const kind of VIEWER_KINDS) {
    const ms = samples.filter((s) => s.kind === kind).map((s) => s.ms);
    ms.sort((a, b) => a - b);
    byKind[kind] = { requests: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
  }
  return {
    requests: samples.length,
    failures: samples.filter((s) => !s.ok).length,
    requestsPerSecond: Math.round(samples.filter((s) => s.ok).length / seconds),
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    p99Ms: percentile(all, 99),
    byKind,
    loadAverage: Number(loadavg()[0].toFixed(2)),
  };
}

async function timed(once, pair, started) {
  try {
    await once(pair);
    return { kind: pair.kind, ok: true, ms: performance.now() - started };
  } catch {
    return { kind: pair.kind, ok: false, ms: performance.now() - started };
  }
}

/** Searches arriving at `rate`/s for `seconds` (Poisson), each timed from the moment it was due. */
async function openLoop(pairs, rate, seconds, once) {
  const next = random(rate * 7919);
  const due = [];
  for (let t = 0; t < seconds * 1000; t += (-Math.log(1 - next()) / rate) * 1000) due.push(t);
  const start = performance.now();
  const pending = [];
  for (const [k, offset] of due.entries()) {
    const wait = start + offset - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(timed(once, pairs[k % pairs.length], start + offset));
  }
  return summarise(await Promise.all(pending), seconds);
}

/** `clients` loops back to back for `seconds`. */
async function closedLoop(pairs, clients, seconds, once) {
  const samples = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i += 1) {
        samples.push(await timed(once, pairs[(client * 7 + i) % pairs.length], performance.now()));
      }
    }),
  );
  return summarise(samples, seconds);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0; // gone
  }
}

/**
 * CPU used per search during the closed loop, by the process serving (Enlace's node, or none for the
 * baseline) and by the PostgreSQL backends connected to the benchmark database: what the machine pays
 * for a search whatever else competes for its cores (the load averages say how much did).
 */
async function cpuMeter(monitor, database, serverPid) {
  const backends = async () =>
    (await monitor.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database])).rows.map((r) => r.pid);
  const before = new Map((await backends()).map((pid) => [pid, cpuSeconds(pid)]));
  const server = serverPid ? cpuSeconds(serverPid) : 0;
  return async (requests) => {
    let postgres = 0;
    for (const pid of await backends()) postgres += cpuSeconds(pid) - (before.get(pid) ?? 0);
    const node = serverPid ? cpuSeconds(serverPid) - server : 0;
    return {
      serverCpuMsPerSearch: serverPid ? Number(((node * 1000) / requests).toFixed(2)) : null,
      postgresCpuMsPerSearch: Number(((postgres * 1000) / requests).toFixed(2)),
    };
  };
}

/**
 * Every phase for each subject (Enlace, then the baseline) in turn: warm-up (JIT, pools,
 * PostgreSQL's caches), each open-loop rate, the closed loop. Interleaved, so that a figure and its
 * baseline run minutes apart at most, under much the same competition for the machine.
 */
async function phases(pairs, subjects) {
  const results = subjects.map(() => ({ open: {}, closed: null }));
  for (const s of subjects) await closedLoop(pairs, CLIENTS, 5, s.once);
  for (const rate of RATES) {
    for (const [i, s] of subjects.entries()) results[i].open[rate] = await openLoop(pairs, rate, DURATION_S, s.once);
  }
  for (const [i, s] of subjects.entries()) {
    const measured = await s.meter();
    const closed = await closedLoop(pairs, CLIENTS, CLOSED_S, s.once);
    results[i].closed = Object.assign(closed, await measured(closed.requests));
  }
  return results;
}

function withTimeout(promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}

async function search(base, pair) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.token}` },
    body: JSON.stringify({ query: QUERY, variables: { text: pair.text } }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) throw new Error(JSON.stringify(body.errors ?? res.status));
  return body.data.people;
}

function startEnlace(databaseUrl, port, profile = false) {
  // BENCH_DIST: another build of Enlace (e.g. a copy of main's dist/) measured on the same data.
  const flags =
    profile && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return startProcess([...flags, join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
  });
}

/** The sample of (viewer, word) pairs: viewers' kinds in turn, words drawn by a seeded generator. */
function samplePairs(viewers) {
  const next = random(42);
  return Array.from({ length: SAMPLE }, (_, k) => {
    const viewer = viewers[k % viewers.length];
    return { kind: viewer.kind, token: viewer.token, text: SEARCHES[Math.floor(next() * SEARCHES.length)] };
  });
}

/**
 * Each pair once through Enlace behind the wire capture, one at a time: the statements it sends,
 * its answer's total, and how many statements a search costs.
 */
async function capture(databaseUrl, pairs) {
  const url = new URL(databaseUrl);
  const proxy = await startWireCapture({ host: url.hostname, port: Number(url.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const port = await freePort();
  const enlace = startEnlace(proxied.toString(), port);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${base}/health`, enlace, 120_000);
    for (const pair of pairs.slice(0, 25)) await search(base, pair); // warm: first-use statements are not the steady state
    for (const pair of pairs) {
      const from = proxy.statements.length;
      const people = await search(base, pair);
      await new Promise((r) => setImmediate(r));
      pair.totalCount = people.totalCount;
      pair.statements = proxy.statements.slice(from);
      pair.waves = waves(pair.statements);
    }
  } finally {
    await stop(enlace);
    await proxy.close();
  }
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
    // Migrate by starting Enlace once, then fill the database.
    let port = await freePort();
    const migrating = startEnlace(databaseUrl, port);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`, migrating, 120_000);
    } finally {
      await stop(migrating);
    }
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const started = Date.now();
    let viewers;
    try {
      viewers = await generate(db, { people: PEOPLE, viewersPerKind: CLIENTS / VIEWER_KINDS.length });
    } finally {
      await db.end();
    }
    const generationSeconds = Math.round((Date.now() - started) / 1000);
    const pairs = samplePairs(viewers);
    await capture(databaseUrl, pairs);

    port = await freePort();
    const enlace = startEnlace(databaseUrl, port, true);
    const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
    pool.on('error', () => {}); // idle clients closed by the DROP DATABASE at the end
    let enlaceResult;
    let baseline;
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(`${base}/health`, enlace, 120_000);
      [enlaceResult, baseline] = await phases(pairs, [
        { once: (pair) => withTimeout(search(base, pair)), meter: () => cpuMeter(admin, name, enlace.pid) },
        { once: (pair) => withTimeout(replay(pool, pair.waves)), meter: () => cpuMeter(admin, name, null) },
      ]);
    } finally {
      await stop(enlace);
      await pool.end();
    }

    const statementCounts = pairs.map((p) => p.statements.length);
    const nothingVisible = pairs.filter((p) => p.totalCount === 0).length;
    const result = {
      benchmark: 'directory-search',
      people: PEOPLE,
      viewers: viewers.length,
      sample: SAMPLE,
      generationSeconds,
      query: 'people(text, first: 20) { totalCount edges { node { id name organisation country } } }',
      statementsPerSearch: { min: Math.min(...statementCounts), max: Math.max(...statementCounts) },
      pairsWithNothingVisible: nothingVisible,
      totals: pairs.map((p) => `${p.kind}|${p.text}|${p.totalCount}`),
      enlace: enlaceResult,
      baselineEnlaceStatementsThroughPg: baseline,
    };
    const rows = [];
    for (const rate of RATES) {
      for (const kind of VIEWER_KINDS) {
        const target = kind === 'administrator' ? 60 : 30;
        const value = enlaceResult.open[rate].byKind[kind].p95Ms;
        const base = baseline.open[rate].byKind[kind].p95Ms;
        rows.push({
          figure: `directory search p95, open loop ${rate}/s, ${kind} (ms)`,
          value,
          baseline: base,
          ratio: base ? Number((value / base).toFixed(2)) : null,
          target: rate === 50 && kind !== 'partner forum' ? `≤ ${target}` : `(≤ ${target} at 50/s)`,
          met:
            rate === 50 && kind !== 'partner forum' ? value <= target && enlaceResult.open[rate].failures === 0 : null,
          loadAverage: enlaceResult.open[rate].loadAverage,
        });
      }
    }
    const rps = enlaceResult.closed.requestsPerSecond;
    const baseRps = baseline.closed.requestsPerSecond;
    rows.push({
      figure: `directory search throughput, ${CLIENTS} closed-loop clients (req/s)`,
      value: rps,
      baseline: baseRps,
      ratio: Number((rps / baseRps).toFixed(2)),
      target: '≥ 140 and ≥ 0.8 × baseline',
      met: rps >= 140 && rps >= 0.8 * baseRps && enlaceResult.closed.failures === 0,
      loadAverage: enlaceResult.closed.loadAverage,
    });
    const cpu = (who) => who.closed.postgresCpuMsPerSearch;
    rows.push({
      figure: 'directory search, PostgreSQL CPU per search, closed loop (ms)',
      value: cpu(enlaceResult),
      baseline: cpu(baseline),
      ratio: Number((cpu(enlaceResult) / cpu(baseline)).toFixed(2)),
      target: '–',
      met: null,
      loadAverage: enlaceResult.closed.loadAverage,
    });
    rows.push({
      figure: 'directory search, Enlace (node) CPU per search, closed loop (ms)',
      value: enlaceResult.closed.serverCpuMsPerSearch,
      baseline: null,
      ratio: null,
      target: '–',
      met: null,
      loadAverage: enlaceResult.closed.loadAverage,
    });
    rows.push({
      figure: 'directory search: SQL statements per search, on the wire (min–max)',
      value: `${result.statementsPerSearch.min}–${result.statementsPerSearch.max}`,
      baseline: null,
      ratio: null,
      target: 'bounded',
      met: null,
      loadAverage: null,
    });
    result.rows = rows;
    console.log(JSON.stringify({ ...result, totals: `${result.totals.length} (viewer, word) totals` }, null, 2));
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
