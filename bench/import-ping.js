'use strict';
/**
 * Issue 9 (item 15): a big CSV dry run must not stall other requests. Enlace (built, on PostgreSQL)
 * gets `{ ping }` at a steady arrival rate (open loop: each request leaves on its schedule, whether
 * the previous ones answered or not; latency counts from that schedule) while 20,000-row dry runs of
 * `POST /directory/imports` run back to back, one at a time, from a network's secretariat (the
 * platform administrator here). The baseline is the same ping stream with no import running, in the
 * same run against the same process.
 */
const { randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');
const { Client } = require('pg');
const { freePort, startProcess, waitForHealth, stop } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const RATE = Number(process.env.BENCH_PING_RATE ?? 20);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const ADMIN = { email: 'bench-import@example.org', password: 'bench password 123' };
const PING = JSON.stringify({ query: '{ ping }' });
/** Ping p99 during the imports at most this many times the baseline's (it was over 30 times before slicing). */
const TARGET_RATIO = 5;

const COUNTRIES = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'EC', 'GT', 'HN', 'MX', 'PA', 'PE', 'PY', 'SV', 'UY'];

/** A file of `n` valid rows (one person each): focal points and alternates for 15 seats, then members. */
function csv(n) {
  const lines = ['external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages'];
  for (let i = 0; i < n; i += 1) {
    const id = String(i).padStart(5, '0');
    const country = COUNTRIES[i % COUNTRIES.length];
    const seat = i < COUNTRIES.length ? 'FOCAL_POINT' : i < 2 * COUNTRIES.length ? 'ALTERNATE_FOCAL_POINT' : null;
    const role = seat ?? (i % 2 ? 'OBSERVER' : 'CIVIL_SOCIETY');
    lines.push(
      `REF-${id},Persona Número ${id},persona.${id}@example.org,+595 21 ${id},Ministerio ${i % 50},GOVERNMENT,` +
        `${country},${role},${seat ? country : ''},es pt`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

function summary(latencies, failures) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    pings: sorted.length,
    failures,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length > 0 ? Number(sorted[sorted.length - 1].toFixed(2)) : null,
  };
}

/**
 * `{ ping }` at `RATE` per second for `seconds`, open loop, from a worker thread of its own (so that
 * this process reading a 2 MB import report never delays a ping or its clock); every latency.
 */
function pings(base, seconds) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { base, seconds, rate: RATE } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function pinger({ base, seconds, rate }) {
  const latencies = [];
  let failures = 0;
  const count = Math.round(seconds * rate);
  const start = performance.now() + 50;
  const sent = [];
  for (let i = 0; i < count; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(
      fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PING })
        .then(async (res) => {
          const body = await res.json();
          if (res.status !== 200 || body.data?.ping !== true) throw new Error(JSON.stringify(body));
          latencies.push(performance.now() - due);
        })
        .catch(() => {
          failures += 1;
        }),
    );
  }
  await Promise.all(sent);
  return summary(latencies, failures);
}

/** Dry runs of `file`, one after the other, until `until()` says stop; their durations in ms. */
async function dryRuns(base, token, networkId, file, until) {
  const durations = [];
  while (!until()) {
    const started = performance.now();
    const res = await fetch(`${base}/directory/imports?networkId=${networkId}&dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: file,
    });
    const report = await res.json();
    if (res.status !== 200 || report.summary?.created !== ROWS) {
      throw new Error(`dry run failed (${res.status}): ${JSON.stringify(report).slice(0, 500)}`);
    }
    durations.push(performance.now() - started);
  }
  return durations;
}

async function gql(base, token, query, variables) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function admin(sql) {
  const c = new Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function main() {
  const name = `enlace_bench_import_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    const port = await freePort();
    const enlace = startProcess(['dist/apps/api/src/main.js'], {
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'production',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(`${base}/health`, enlace);
      const { token } = (
        await gql(base, null, 'mutation($input: SignInInput!) { signIn(input: $input) { token } }', { input: ADMIN })
      ).signIn;
      const { id: networkId } = (
        await gql(base, token, 'mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { id } }', {
          input: {
            slug: `bench-${randomBytes(3).toString('hex')}`,
            kind: 'GOVERNMENTAL',
            visibility: 'PUBLIC',
            defaultLanguage: 'es',
            workingLanguages: ['es', 'pt'],
            name: [{ language: 'es', text: 'Red de prueba' }],
          },
        })
      ).createNetwork;
      const file = csv(ROWS);

      // Warm-up: both paths once, then the baseline with nothing else running.
      await dryRuns(
        base,
        token,
        networkId,
        file,
        (
          (n) => () =>
            n-- <= 0
        )(1),
      );
      await pings(base, 2);
      const baseline = await pings(base, DURATION_S);

      let done = false;
      const running = dryRuns(base, token, networkId, file, () => done);
      const during = await pings(base, DURATION_S);
      done = true;
      const durations = await running;

      const ratio = during.p99Ms / baseline.p99Ms;
      const result = {
        benchmark: 'import-ping',
        workload: `{ ping } at ${RATE}/s (open loop) during back-to-back ${ROWS}-row dry runs (POST /directory/imports)`,
        durationSeconds: DURATION_S,
        fileBytes: Buffer.byteLength(file),
        baselineNoImport: baseline,
        duringImport: during,
        dryRuns: {
          count: durations.length,
          meanMs: Math.round(durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length)),
          maxMs: Math.round(Math.max(0, ...durations)),
        },
        p99Ratio: Number(ratio.toFixed(2)),
        target: `ping p99 during imports <= ${TARGET_RATIO}x the baseline's`,
        meetsTarget: during.failures === 0 && baseline.failures === 0 && ratio <= TARGET_RATIO,
      };
      console.log(JSON.stringify(result, null, 2));
      return result;
    } finally {
      await stop(enlace);
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (!isMainThread) pinger(workerData).then((result) => parentPort.postMessage(result));
else if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
