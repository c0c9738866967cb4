'use strict';
/**
 * SPEC §6 and issue 10: GraphQL throughput of a simple authenticated query against the same framework
 * with nothing of ours. Enlace (built, on PostgreSQL) answers `{ me { id name } }` for a signed-in
 * administrator, 32 connections; two baselines (bench/bare-graphql-server.js: Fastify + Mercurius +
 * graphql-js and a `pg` pool of 10) answer the same query in the same run, each after Enlace:
 * - **Enlace's SQL**: the statements Enlace itself sent for one `{ me }`, captured on the wire
 *   (bench/wire-capture.js) from a first Enlace process behind the capture: its session lookup with
 *   the memberships and partners subqueries, under the same statement name (prepared, as Enlace's is).
 *   Target: Enlace ≥ 0.8 × this one (what Nest, our context, limits and formatting cost).
 * - **thin**: one hand-written join of session, account and person. Target: Enlace ≥ 0.5 × this one.
 * Environment: BENCH_DURATION (10 s per measurement, each after a warm-up of the same length),
 * BENCH_CONNECTIONS (32), BENCH_DIST (the build to run, default dist).
 */
const { createHash, randomBytes } = require('node:crypto');
const { writeFileSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { freePort, startProcess, waitForHealth, stop, withClient } = require('./lib');
const { startWireCapture, waves } = require('./wire-capture');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADMIN = { email: 'bench-admin@example.org', password: 'bench password 123' };
const QUERY = JSON.stringify({ query: '{ me { id name } }' });
/** `{ me }` requests whose statements are captured: a statement is Enlace's own if every one sent it. */
const CAPTURED_REQUESTS = 5;

const load1 = () => Number(loadavg()[0].toFixed(2));

function load(url, token) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: QUERY,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

function summary(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    loadAverage: load1(),
  };
}

function startEnlace(databaseUrl, port) {
  return startProcess([join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    NODE_ENV: 'production',
  });
}

async function me(base, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: QUERY,
  });
  const body = await res.json();
  if (!body.data?.me?.id) throw new Error(`${base} did not answer me: ${JSON.stringify(body)}`);
  return body.data.me;
}

/** Measures a server started by `start(port)`: warm-up, then the measured run. */
async function measure(start, token) {
  const port = await freePort();
  const child = start(port);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${base}/health`, child);
    await me(base, token);
    await load(base, token); // warm-up
    return summary(await load(base, token));
  } finally {
    await stop(child);
  }
}

/**
 * Migrates (first start), signs the administrator in, and records on the wire the statements Enlace
 * sends for `{ me }` once warm: the waves of a request, kept only where every captured request sent
 * the same texts, with the token hash marked where it was bound.
 */
async function captureEnlace(databaseUrl) {
  const target = new URL(databaseUrl);
  const proxy = await startWireCapture({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const port = await freePort();
  const enlace = startEnlace(proxied.toString(), port);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${base}/health`, enlace, 120_000);
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
        variables: { input: ADMIN },
      }),
    });
    const token = (await res.json()).data.signIn.token;
    const hash = createHash('sha256').update(token, 'utf8').digest();
    for (let i = 0; i < 3; i += 1) await me(base, token); // first-use statements are not the steady state
    const requests = [];
    for (let i = 0; i < CAPTURED_REQUESTS; i += 1) {
      const from = proxy.statements.length;
      await me(base, token);
      await new Promise((r) => setImmediate(r));
      requests.push(waves(proxy.statements.slice(from)));
    }
    const shape = (w) => JSON.stringify(w.map((wave) => wave.map((s) => s.text)));
    if (!requests.every((r) => shape(r) === shape(requests[0]))) {
      throw new Error(
        `{ me } sent different statements from one request to the next: ${requests.map(shape).join(' / ')}`,
      );
    }
    const marked = requests[0].map((wave) =>
      wave.map((s) => ({
        name: s.name || null,
        text: s.text,
        values:
          s.values &&
          s.values.map((v) =>
            Buffer.isBuffer(v) ? (v.equals(hash) ? { tokenHash: true } : { hex: v.toString('hex') }) : v,
          ),
      })),
    );
    if (!marked.some((wave) => wave.some((s) => s.values?.some((v) => v && v.tokenHash)))) {
      throw new Error('no statement of { me } took the token hash');
    }
    return { token, waves: marked };
  } finally {
    await stop(enlace);
    await proxy.close();
  }
}

async function main() {
  const name = `enlace_bench_${randomBytes(4).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const statementsFile = join(tmpdir(), `${name}-me-statements.json`);
  try {
    const captured = await captureEnlace(databaseUrl);
    writeFileSync(statementsFile, JSON.stringify(captured.waves));
    const { token } = captured;

    const enlace = await measure((port) => startEnlace(databaseUrl, port), token);
    const bare = (env) => (port) =>
      startProcess(['bench/bare-graphql-server.js'], { DATABASE_URL: databaseUrl, PORT: String(port), ...env });
    const sameSql = await measure(bare({ BARE_STATEMENTS: statementsFile }), token);
    const thin = await measure(bare({}), token);

    const ratio = (baseline) => Number((enlace.requestsPerSecond / baseline.requestsPerSecond).toFixed(2));
    const ok = enlace.non2xx === 0 && enlace.errors === 0;
    const figure = `{ me } authenticated, ${CONNECTIONS} connections (req/s)`;
    const rows = [
      {
        figure: `${figure}, vs bare Mercurius issuing Enlace's session SQL`,
        value: enlace.requestsPerSecond,
        baseline: sameSql.requestsPerSecond,
        ratio: ratio(sameSql),
        target: 'ratio ≥ 0.8',
        met: ok && ratio(sameSql) >= 0.8,
        loadAverage: sameSql.loadAverage,
      },
      {
        figure: `${figure}, vs thin bare Mercurius (one join)`,
        value: enlace.requestsPerSecond,
        baseline: thin.requestsPerSecond,
        ratio: ratio(thin),
        target: 'ratio ≥ 0.5',
        met: ok && ratio(thin) >= 0.5,
        loadAverage: thin.loadAverage,
      },
      {
        figure: '{ me } p50 / p99, Enlace vs bare with its session SQL vs thin bare (ms)',
        value: `${enlace.latencyP50Ms} / ${enlace.latencyP99Ms}`,
        baseline: `${sameSql.latencyP50Ms} / ${sameSql.latencyP99Ms}; ${thin.latencyP50Ms} / ${thin.latencyP99Ms}`,
        ratio: null,
        target: null,
        met: null,
        loadAverage: enlace.loadAverage,
      },
    ];
    const result = {
      benchmark: 'graphql-throughput',
      query: '{ me { id name } } (authenticated)',
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      enlaceStatements: captured.waves.map((wave) => wave.map((s) => ({ name: s.name, text: s.text }))),
      enlace,
      baselineBareEnlaceSql: sameSql,
      baselineBareThin: thin,
      rows,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    rmSync(statementsFile, { force: true });
    await withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
