'use strict';
/**
 * SPEC §6: GraphQL throughput of a simple authenticated query ≥ 50 % of the same framework's bare
 * endpoint. Enlace (built, on PostgreSQL) answers `{ me { id name } }` for a signed-in administrator;
 * the baseline (bench/bare-graphql-server.js) is Fastify + Mercurius answering the same query with
 * the same SQL, measured in the same run with the same load. BENCH_DIST: the build to run (default dist).
 */
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { freePort, startProcess, waitForHealth, stop } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADMIN = { email: 'bench-admin@example.org', password: 'bench password 123' };
const QUERY = JSON.stringify({ query: '{ me { id name } }' });

async function admin(sql) {
  const c = new Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

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
  };
}

async function main() {
  const name = `enlace_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    const port = await freePort();
    const enlace = startProcess([join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'production',
    });
    const base = `http://127.0.0.1:${port}`;
    let enlaceResult;
    let token;
    try {
      await waitForHealth(`${base}/health`, enlace);
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
          variables: { input: ADMIN },
        }),
      });
      token = (await res.json()).data.signIn.token;
      const check = await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: QUERY,
        })
      ).json();
      if (!check.data?.me?.id) throw new Error(`enlace did not answer me: ${JSON.stringify(check)}`);
      await load(base, token); // warm-up
      enlaceResult = await load(base, token);
    } finally {
      await stop(enlace);
    }

    const barePort = await freePort();
    const bare = startProcess(['bench/bare-graphql-server.js'], { DATABASE_URL: databaseUrl, PORT: String(barePort) });
    let bareResult;
    try {
      const bareBase = `http://127.0.0.1:${barePort}`;
      await waitForHealth(`${bareBase}/health`, bare);
      await load(bareBase, token);
      bareResult = await load(bareBase, token);
    } finally {
      await stop(bare);
    }

    const enlaceSummary = summary(enlaceResult);
    const bareSummary = summary(bareResult);
    const ratio = enlaceSummary.requestsPerSecond / bareSummary.requestsPerSecond;
    const result = {
      benchmark: 'graphql-throughput',
      query: '{ me { id name } } (authenticated)',
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      enlace: enlaceSummary,
      baselineBareMercurius: bareSummary,
      throughputRatio: Number(ratio.toFixed(2)),
      target: 'ratio >= 0.5',
      meetsTarget: ratio >= 0.5 && enlaceSummary.non2xx === 0,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
