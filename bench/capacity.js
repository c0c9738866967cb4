'use strict';
/**
 * Issue 10 item 6, SPEC §6: how many concurrent active users one api process holds on this machine
 * (the load generator included), on PostgreSQL.
 *
 * An active user is defined in bench/capacity-client.js (printed with the result): a signed-in person
 * with a live socket joined to one channel who, every 30 s on average (exponential think time), reads
 * their channel's history, posts to it, searches the directory, opens their notifications or lists
 * their channels, and waits for the answer. Channels have 50–1,000 members (per 2,000 users: one of
 * 1,000, one of 500, one of 200, one of 100 and four of 50); every post is delivered to every member.
 *
 * The run ramps: BENCH_CAPACITY_START users (250), then BENCH_CAPACITY_STEP more (250) per step, each
 * step measured for BENCH_CAPACITY_STEP_S (30 s) after its users have connected, until a threshold is
 * crossed — errors (5xx, failed or unanswered acknowledgements, dropped sockets, sockets that cannot
 * connect) above 0.025 % of actions, or p99 above 2 s for actions or for deliveries — or until
 * BENCH_CAPACITY_MAX users (4,000). The figure is the last step that held.
 * The users live in BENCH_WORKERS child processes (4). BENCH_DIST: the build to run (dist).
 */
const { fork } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { loadavg } = require('node:os');
const { join } = require('node:path');
const { freePort, startProcess, waitForHealth, stop, rssMiB, cpuMs, withClient } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const START = Number(process.env.BENCH_CAPACITY_START ?? 250);
const STEP = Number(process.env.BENCH_CAPACITY_STEP ?? 250);
const MAX = Number(process.env.BENCH_CAPACITY_MAX ?? 4000);
const STEP_S = Number(process.env.BENCH_CAPACITY_STEP_S ?? 30);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const MAX_ERROR_SHARE = 0.00025;
const MAX_P99_MS = 2000;
const PATTERN = [1000, 500, 200, 100, 50, 50, 50, 50]; // channel sizes per 2,000 users
const FIRST = ['Ana', 'Maria', 'Jean', 'Amani', 'João', 'Lucía', 'Grace', 'Pierre', 'Fatuma', 'Diego'];
const LAST = ['Silva', 'Santos', 'Kenya', 'Mwangi', 'Dupont', 'Quiroga', 'Okello', 'Ferreira', 'Rights', 'Instituto'];

const DEFINITION =
  'a signed-in person with one live socket in one channel (50–1,000 members) who every 30 s on average ' +
  '(exponential) reads the channel history (40 %), posts to it (20 %, delivered to every member), searches ' +
  'the directory (20 %), opens notifications (10 %) or lists channels with unread counts (10 %), and waits ' +
  'for the answer';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A deterministic shuffle (the same users in the same channels on every run). */
function shuffled(items, seed) {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** MAX people with accounts, sessions and memberships; channels sized by PATTERN; user i's channel. */
async function seed(databaseUrl) {
  return withClient(databaseUrl, async (c) => {
    const network = (
      await c.query(
        `INSERT INTO network (slug, name, kind, default_language, working_languages)
         VALUES ('capacity', '{"en":{"text":"Capacity","status":"ORIGINAL"}}', 'GOVERNMENTAL', 'en', '{en}') RETURNING id`,
      )
    ).rows[0].id;
    const names = Array.from({ length: MAX }, (_, i) => `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`);
    const people = (
      await c.query(`INSERT INTO person (name) SELECT unnest($1::text[]) RETURNING id`, [names])
    ).rows.map((r) => r.id);
    const accounts = (
      await c.query(
        `INSERT INTO account (person_id, email, password_hash)
         SELECT p, 'capacity-' || p || '@example.org', 'not-a-password' FROM unnest($1::uuid[]) p RETURNING id`,
        [people],
      )
    ).rows.map((r) => r.id);
    await c.query(
      `INSERT INTO membership (person_id, network_id, role) SELECT p, $2, 'CIVIL_SOCIETY' FROM unnest($1::uuid[]) p`,
      [people, network],
    );
    const tokens = accounts.map(() => `enl_${randomBytes(32).toString('base64url')}`);
    await c.query(
      `INSERT INTO session (account_id, token_hash, expires_at)
       SELECT a, h, now() + interval '1 day' FROM unnest($1::uuid[], $2::bytea[]) AS t(a, h)`,
      [accounts, tokens.map((t) => createHash('sha256').update(t, 'utf8').digest())],
    );
    const blocks = Math.ceil(MAX / 2000);
    const channelIds = [];
    for (let b = 0; b < blocks; b += 1) {
      const ids = [];
      for (const [k, size] of PATTERN.entries()) {
        ids.push(
          (
            await c.query(
              `INSERT INTO channel (network_id, kind, visibility, name) VALUES ($1, 'NETWORK', 'NETWORK', $2) RETURNING id`,
              [network, `capacity ${b}-${k} (${size})`],
            )
          ).rows[0].id,
        );
      }
      channelIds.push(ids);
    }
    // Within each block of 2,000 users, slots in shuffled order: the ramp grows every channel alike.
    const slots = shuffled(
      PATTERN.flatMap((size, k) => Array.from({ length: size }, () => k)),
      7,
    );
    const users = tokens.map((token, i) => ({
      index: i,
      token,
      channelId: channelIds[Math.floor(i / 2000)][slots[i % 2000]],
    }));
    return users;
  });
}

function ask(worker, message, answer) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`load worker exited with ${code} while waiting for ${answer}`));
    const onMessage = (msg) => {
      if (msg.type === answer) {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(msg);
      } else if (msg.type === 'error') reject(new Error(msg.message));
    };
    worker.once('exit', onExit);
    worker.on('message', onMessage);
    if (message) worker.send(message);
  });
}

function merge(histograms) {
  const out = new Map();
  for (const h of histograms) for (const [k, v] of Object.entries(h)) out.set(Number(k), (out.get(Number(k)) ?? 0) + v);
  return out;
}

function percentile(histogram, p) {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = Math.ceil(total * p);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket);
    if (seen >= target) return bucket + 1; // 1 ms buckets: the bucket's upper bound
  }
  return null;
}

async function ramp(url, users, serverPid) {
  const workers = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const child = fork(join(__dirname, 'capacity-client.js'), [], { env: process.env });
    workers.push(child);
  }
  const steps = [];
  try {
    await Promise.all(workers.map((w) => ask(w, null, 'ready')));
    let active = 0;
    let target = START;
    while (target <= MAX) {
      const batch = users.slice(active, target);
      const per = Math.ceil(batch.length / WORKERS);
      const added = await Promise.all(
        workers.map((w, i) => ask(w, { type: 'add', url, users: batch.slice(i * per, (i + 1) * per) }, 'added')),
      );
      const connectFailures = added.reduce((sum, a) => sum + a.failed, 0);
      active = target;
      await sleep(Math.min(5000, STEP_S * 200)); // the newcomers' first joins and the JIT settle
      await Promise.all(workers.map((w) => ask(w, { type: 'measure' }, 'measuring')));
      const cpuBefore = cpuMs(serverPid);
      await sleep(STEP_S * 1000);
      const reports = await Promise.all(workers.map((w) => ask(w, { type: 'report' }, 'report')));
      const serverCpu = (cpuMs(serverPid) - cpuBefore) / (STEP_S * 1000);
      const actions = merge(reports.map((r) => r.actions));
      const deliveries = merge(reports.map((r) => r.deliveries));
      const ok = reports.reduce((s, r) => s + r.ok, 0);
      const errors = reports.reduce((s, r) => s + r.errors, 0) + connectFailures;
      const serverErrors = reports.reduce((s, r) => s + r.serverErrors, 0);
      const total = ok + errors;
      const step = {
        users: active,
        actions: total,
        actionsPerSecond: Number((total / STEP_S).toFixed(1)),
        deliveriesPerSecond: Number(([...deliveries.values()].reduce((a, b) => a + b, 0) / STEP_S).toFixed(0)),
        errors,
        serverErrors,
        connectFailures,
        errorShare: total === 0 ? 0 : errors / total,
        actionP50Ms: percentile(actions, 0.5),
        actionP99Ms: percentile(actions, 0.99),
        deliveryP50Ms: percentile(deliveries, 0.5),
        deliveryP99Ms: percentile(deliveries, 0.99),
        serverCpuCores: Number(serverCpu.toFixed(2)),
        serverRssMiB: Number(rssMiB(serverPid).toFixed(0)),
        load: Number(loadavg()[0].toFixed(2)),
      };
      step.held =
        step.errorShare <= MAX_ERROR_SHARE &&
        (step.actionP99Ms ?? 0) <= MAX_P99_MS &&
        (step.deliveryP99Ms ?? 0) <= MAX_P99_MS;
      steps.push(step);
      console.error(JSON.stringify(step));
      if (!step.held) break;
      target += STEP;
    }
  } finally {
    await Promise.all(
      workers.map((w) => (w.exitCode === null ? ask(w, { type: 'stop' }, 'stopped').catch(() => {}) : null)),
    );
  }
  return steps;
}

async function main() {
  const name = `enlace_bench_${randomBytes(4).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    const port = await freePort();
    const enlace = startProcess([join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    });
    let steps;
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`, enlace);
      const users = await seed(databaseUrl);
      steps = await ramp(`http://127.0.0.1:${port}`, users, enlace.pid);
    } finally {
      await stop(enlace);
    }
    const held = steps.filter((s) => s.held).map((s) => s.users);
    const heldUsers = held.length ? Math.max(...held) : 0;
    const last = steps.find((s) => s.users === heldUsers);
    const result = {
      benchmark: 'capacity',
      activeUser: DEFINITION,
      thresholds: `errors ≤ ${MAX_ERROR_SHARE * 100} % of actions, p99 ≤ ${MAX_P99_MS} ms (actions and deliveries)`,
      heldUsers,
      reachedMax: heldUsers >= MAX,
      steps,
      rows: [
        {
          figure: `capacity: concurrent active users held (${STEP_S} s steps of ${STEP}; p99 ≤ 2 s, errors ≤ 0.025 %)`,
          value: heldUsers,
          baseline: null,
          ratio: null,
          target: '≥ 2000',
          met: heldUsers >= 2000,
          loadAverage: last?.load ?? null,
        },
        {
          figure: `capacity: at ${heldUsers} users, action p99 / delivery p99 (ms)`,
          value: last ? `${last.actionP99Ms} / ${last.deliveryP99Ms}` : null,
          baseline: null,
          ratio: null,
          target: '≤ 2000',
          met: last ? true : null,
          loadAverage: last?.load ?? null,
        },
        {
          figure: `capacity: at ${heldUsers} users, actions/s, deliveries/s, api CPU (cores)`,
          value: last ? `${last.actionsPerSecond}, ${last.deliveriesPerSecond}, ${last.serverCpuCores}` : null,
          baseline: null,
          ratio: null,
          target: '–',
          met: null,
          loadAverage: last?.load ?? null,
        },
      ],
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
