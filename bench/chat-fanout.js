'use strict';
/**
 * SPEC §6 and issue 10: chat fan-out and the cost of one chat message. One network-wide channel;
 * receiving sockets joined to it; senders posting at a fixed rate. Three servers in the same run,
 * each configuration measured on each in turn (Enlace, then the baselines):
 * - **Enlace** (built, on PostgreSQL): every message authorised, committed, then broadcast;
 * - **committing bare** (bench/bare-socketio-server.js with DATABASE_URL): Socket.IO on a bare HTTP
 *   server that inserts and commits each message in `channel_message` through `pg` (a pool of 10,
 *   Enlace's size) before acknowledging and broadcasting it; the figure Enlace is held to;
 * - **thin bare** (the same file, no database): what Socket.IO alone costs.
 *
 * Measured: send→receive p50/p99 and messages lost (must be 0) per (sockets, rate) configuration;
 * each server's CPU (every thread) per message, on a path configuration with few sockets (the
 * message's own path: each delivered socket adds ~14 µs); and, once, the SQL statements Enlace sends
 * per message, counted on the wire (bench/wire-capture.js) by a second Enlace process behind the
 * capture, so that the measured one pays no proxy.
 *
 * The receiving sockets live in BENCH_WORKERS child processes (bench/chat-fanout-client.js), so that
 * decoding tens of thousands of events per second does not happen in the process that sends and
 * measures. Each configuration first runs BENCH_WARMUP seconds of the same load, not measured.
 * Environment: BENCH_CHAT_CONFIGS (`SOCKETSxRATE,...`, default 200x50,500x50,1000x20; e.g.
 * 200x50,200x100,500x50,500x100,1000x20,1000x50,1000x100 to widen; empty for none),
 * BENCH_CHAT_PATH (the CPU-per-message configuration, default 10x50), BENCH_CHAT_COUNTED (messages
 * whose statements are counted, default 100, at 20/s), BENCH_CHAT_DURATION (8 s per configuration),
 * BENCH_WARMUP (2 s), BENCH_WORKERS (4), BENCH_DIST (the build to run, default dist), BENCH_PROFILE (a
 * directory: CPU profiles of the three servers, written when they stop).
 */
const { fork } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { loadavg } = require('node:os');
const { join } = require('node:path');
const { io } = require('socket.io-client');
const { freePort, startProcess, waitForHealth, stop, cpuMs, withClient } = require('./lib');
const { startWireCapture } = require('./wire-capture');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const configs = (text) =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const m = /^(\d+)x(\d+)$/.exec(c);
      if (!m) throw new Error(`bad configuration ${c}: SOCKETSxRATE, as 500x50`);
      return { sockets: Number(m[1]), rate: Number(m[2]) };
    });
const CONFIGS = configs(process.env.BENCH_CHAT_CONFIGS ?? '200x50,500x50,1000x20');
const [PATH] = configs(process.env.BENCH_CHAT_PATH ?? '10x50');
const COUNTED = Number(process.env.BENCH_CHAT_COUNTED ?? 100);
const COUNTED_RATE = 20;
const DURATION_S = Number(process.env.BENCH_CHAT_DURATION ?? 8);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const MAX_RATE = Math.max(PATH.rate, COUNTED_RATE, ...CONFIGS.map((c) => c.rate));
const MAX_SOCKETS = Math.max(PATH.sockets, ...CONFIGS.map((c) => c.sockets));
/** Enough senders that none exceeds half of Enlace's per-person budget (20 events/s). */
const SENDERS = Math.max(10, Math.ceil(MAX_RATE / 10));
const BUCKET_MS = 0.1;
const P99_TARGET_MS = 100;
const CPU_TARGET_MS = 1.0;
const STATEMENTS_TARGET = 2;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load1 = () => Number(loadavg()[0].toFixed(2));
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const PROFILE = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/** A network, one network-wide channel, MAX_SOCKETS receivers and SENDERS senders, each with a session. */
async function seed(databaseUrl) {
  return withClient(databaseUrl, async (c) => {
    const network = (
      await c.query(
        `INSERT INTO network (slug, name, kind, default_language, working_languages)
         VALUES ('bench', '{"en":{"text":"Bench","status":"ORIGINAL"}}', 'GOVERNMENTAL', 'en', '{en}') RETURNING id`,
      )
    ).rows[0].id;
    const channel = (
      await c.query(
        `INSERT INTO channel (network_id, kind, visibility, name) VALUES ($1, 'NETWORK', 'NETWORK', 'fan-out') RETURNING id`,
        [network],
      )
    ).rows[0].id;
    const n = MAX_SOCKETS + SENDERS;
    const people = (
      await c.query(`INSERT INTO person (name) SELECT 'Bench ' || g FROM generate_series(1, $1) g RETURNING id`, [n])
    ).rows.map((r) => r.id);
    const accounts = (
      await c.query(
        `INSERT INTO account (person_id, email, password_hash)
         SELECT p, 'bench-' || p || '@example.org', 'not-a-password' FROM unnest($1::uuid[]) p RETURNING id`,
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
    return { channel, receivers: tokens.slice(0, MAX_SOCKETS), senders: tokens.slice(MAX_SOCKETS) };
  });
}

function percentile(histogram, total, p) {
  const target = Math.ceil(total * p);
  let seen = 0;
  for (const bucket of Object.keys(histogram)
    .map(Number)
    .sort((a, b) => a - b)) {
    seen += histogram[bucket];
    if (seen >= target) return Number(((bucket + 1) * BUCKET_MS).toFixed(1));
  }
  return null;
}

/** Sends `{ type, ...extra }` to a worker (except for `ready`) and waits for its answer of that type. */
function ask(worker, type, extra = {}) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`receiver worker exited with ${code} while waiting for ${type}`));
    const onMessage = (msg) => {
      const expected = type === 'close' ? 'closed' : type;
      if (msg.type === expected) {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(msg);
      } else if (msg.type === 'error') reject(new Error(msg.message));
    };
    worker.once('exit', onExit);
    worker.on('message', onMessage);
    if (type !== 'ready') worker.send({ type, ...extra });
  });
}

/** `count` sockets of `receivers` joined to the channel on the server at `url`, and the senders connected. */
async function connect(url, seeded, count) {
  const receivers = seeded.receivers.slice(0, count);
  const per = Math.ceil(receivers.length / WORKERS);
  const workers = [];
  let senders = [];
  try {
    for (let w = 0; w < WORKERS; w += 1) {
      const slice = receivers.slice(w * per, (w + 1) * per);
      if (slice.length === 0) continue;
      workers.push(
        fork(join(__dirname, 'chat-fanout-client.js'), [
          JSON.stringify({ url, tokens: slice, channelId: seeded.channel }),
        ]),
      );
    }
    await Promise.all(workers.map((w) => ask(w, 'ready')));
    senders = await Promise.all(
      seeded.senders.map(
        (token) =>
          new Promise((resolve, reject) => {
            const s = io(`${url}/live`, {
              auth: { token },
              transports: ['websocket'],
              reconnection: false,
              forceNew: true,
            });
            s.once('connect', () => resolve(s));
            s.once('connect_error', reject);
          }),
      ),
    );
  } catch (error) {
    for (const w of workers) if (w.exitCode === null) w.kill();
    throw error;
  }
  const close = async () => {
    for (const s of senders) s.disconnect();
    await Promise.all(workers.map((w) => (w.exitCode === null ? ask(w, 'close').catch(() => w.kill()) : null)));
  };
  return { channel: seeded.channel, sockets: receivers.length, workers, senders, close };
}

/**
 * One phase on connected sockets: WARMUP_S of `rate` messages/s (not measured), then `total`
 * messages at `rate`, waiting for every delivery (at most 15 s after the last acknowledgement).
 * `around` ({ before, after }) is told when the measured messages start and when all are acknowledged.
 */
async function phase(conn, tag, rate, serverPid, total = rate * DURATION_S, around = {}) {
  let failed = 0;
  /** Sends `count` messages at `rate` per second, spread over the senders; resolves when all are acknowledged. */
  const send = async (prefix, count) => {
    const acks = [];
    const start = now() + 100;
    for (let i = 0; i < count; i += 1) {
      const due = start + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const body = `bench message ${i} @${now()}`;
      acks.push(
        conn.senders[i % conn.senders.length]
          .timeout(30_000)
          .emitWithAck('message:send', { channelId: conn.channel, clientId: `${prefix}-${tag}-${i}`, body })
          .then(
            (ack) => (ack.ok ? null : (failed += 1)),
            () => (failed += 1),
          ),
      );
    }
    await Promise.all(acks);
    return (now() - start) / 1000;
  };
  await Promise.all(conn.workers.map((w) => ask(w, 'phase', { tag })));
  // JIT, pools and caches warm, as in a server that has been up a while.
  if (WARMUP_S > 0) await send('w', Math.max(1, Math.round(rate * WARMUP_S)));
  failed = 0;
  const cpuBefore = cpuMs(serverPid);
  const fromUs = monotonicUs();
  around.before?.();
  const sendSeconds = await send('m', total);
  around.after?.();
  const deadline = now() + 15_000;
  for (;;) {
    const reports = await Promise.all(conn.workers.map((w) => ask(w, 'progress')));
    const received = reports.reduce((sum, r) => sum + r.received, 0);
    if (received >= total * conn.sockets || now() > deadline) break;
    await sleep(100);
  }
  const serverCpuMs = cpuMs(serverPid) - cpuBefore;
  const toUs = monotonicUs();
  const reports = await Promise.all(conn.workers.map((w) => ask(w, 'report')));
  const histogram = {};
  let received = 0;
  let lost = 0;
  for (const r of reports) {
    for (const [bucket, count] of Object.entries(r.histogram)) histogram[bucket] = (histogram[bucket] ?? 0) + count;
    for (const count of r.received) {
      received += count;
      lost += total - count;
    }
  }
  const deliveries = Object.values(histogram).reduce((a, b) => a + b, 0);
  return {
    sockets: conn.sockets,
    rate,
    messagesSent: total,
    sendFailures: failed,
    sendSeconds: Number(sendSeconds.toFixed(1)),
    deliveries: received,
    lost,
    latencyP50Ms: percentile(histogram, deliveries, 0.5),
    latencyP99Ms: percentile(histogram, deliveries, 0.99),
    latencyMaxMs: percentile(histogram, deliveries, 1),
    // The server's CPU (every thread) while the measured messages were sent and delivered, per message:
    // the message's own path plus its deliveries.
    serverCpuMsPerMessage: Number((serverCpuMs / total).toFixed(3)),
    loadAverage: load1(),
    // The measured window on the clock of V8's CPU profiles (CLOCK_MONOTONIC, µs), to cut a BENCH_PROFILE to it.
    ...(PROFILE.length > 0 ? { profileWindowUs: [fromUs, toUs] } : {}),
  };
}

/** Connects `sockets` receivers to a server, runs each rate on them, and disconnects. */
async function measure(server, sockets, rates) {
  const conn = await connect(server.url, server.seeded, sockets);
  try {
    const results = [];
    for (const rate of rates) results.push(await phase(conn, `${server.key}${sockets}x${rate}`, rate, server.pid));
    return results;
  } finally {
    await conn.close();
  }
}

function startEnlace(databaseUrl, port, profile) {
  return startProcess([...profile, join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
  });
}

/**
 * The statements a message costs Enlace, on the wire: a second Enlace process behind the capture,
 * PATH.sockets receivers, COUNTED messages at COUNTED_RATE/s; every statement the server received
 * between the first measured send and the last acknowledgement, per message, and which they were.
 */
async function countStatements(databaseUrl, seeded) {
  const target = new URL(databaseUrl);
  const proxy = await startWireCapture({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const port = await freePort();
  const enlace = startEnlace(proxied.toString(), port, []);
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(`${url}/health`, enlace, 120_000);
    const conn = await connect(url, seeded, PATH.sockets);
    let from = 0;
    let to = 0;
    let result;
    try {
      result = await phase(conn, 'count', COUNTED_RATE, enlace.pid, COUNTED, {
        before: () => (from = proxy.statements.length),
        after: () => (to = proxy.statements.length),
      });
    } finally {
      await conn.close();
    }
    const byStatement = {};
    for (const s of proxy.statements.slice(from, to)) {
      const key = s.name || (s.text ?? '').replace(/\s+/g, ' ').slice(0, 60);
      byStatement[key] = (byStatement[key] ?? 0) + 1;
    }
    return {
      messages: COUNTED,
      sendFailures: result.sendFailures,
      lost: result.lost,
      statements: to - from,
      statementsPerMessage: Number(((to - from) / COUNTED).toFixed(2)),
      byStatement,
    };
  } finally {
    await stop(enlace);
    await proxy.close();
  }
}

const lostNote = (r) => (r.lost > 0 || r.sendFailures > 0 ? ` (lost ${r.lost}, failed ${r.sendFailures})` : '');

function rowsOf({ statements, path, fanOut }) {
  const rows = [];
  const [enlace, committing, thin] = path;
  rows.push({
    figure: `chat message, server CPU per message, ${PATH.sockets} sockets × ${PATH.rate} msg/s (ms)`,
    value: enlace.serverCpuMsPerMessage,
    baseline: `${committing.serverCpuMsPerMessage} (thin ${thin.serverCpuMsPerMessage})`,
    ratio: Number((enlace.serverCpuMsPerMessage / committing.serverCpuMsPerMessage).toFixed(2)),
    target: `≤ ${CPU_TARGET_MS}`,
    met: enlace.serverCpuMsPerMessage <= CPU_TARGET_MS,
    loadAverage: thin.loadAverage,
  });
  rows.push({
    figure: 'chat message, SQL statements per message, on the wire',
    value: statements.statementsPerMessage,
    baseline: 1,
    ratio: null,
    target: `≤ ${STATEMENTS_TARGET}`,
    met: statements.statementsPerMessage <= STATEMENTS_TARGET && statements.sendFailures === 0,
    loadAverage: null,
  });
  for (const { enlace: e, committing: c, thin: t } of fanOut) {
    const baselineHeld = c.latencyP99Ms <= P99_TARGET_MS && c.lost === 0 && c.sendFailures === 0;
    rows.push({
      figure: `chat fan-out p99, ${e.sockets} sockets × ${e.rate} msg/s (ms)`,
      value: `${e.latencyP99Ms}${lostNote(e)}`,
      baseline: `${c.latencyP99Ms}${lostNote(c)} (thin ${t.latencyP99Ms}${lostNote(t)})`,
      ratio: Number((e.latencyP99Ms / c.latencyP99Ms).toFixed(2)),
      // SPEC: at every rate where the committing baseline keeps p99 ≤ 100 ms, Enlace does too; 0 lost always.
      target: baselineHeld ? `≤ ${P99_TARGET_MS}, 0 lost` : `0 lost (baseline's p99 > ${P99_TARGET_MS})`,
      met: e.lost === 0 && e.sendFailures === 0 && (!baselineHeld || e.latencyP99Ms <= P99_TARGET_MS),
      loadAverage: t.loadAverage,
    });
  }
  return rows;
}

async function main() {
  const name = `enlace_bench_${randomBytes(4).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const children = [];
  try {
    const ports = { enlace: await freePort(), committing: await freePort(), thin: await freePort() };
    const enlace = startEnlace(databaseUrl, ports.enlace, PROFILE);
    children.push(enlace);
    await waitForHealth(`http://127.0.0.1:${ports.enlace}/health`, enlace, 120_000); // migrates
    const seeded = await seed(databaseUrl);
    const statements = await countStatements(databaseUrl, seeded);

    const committing = startProcess([...PROFILE, 'bench/bare-socketio-server.js'], {
      DATABASE_URL: databaseUrl,
      PORT: String(ports.committing),
    });
    children.push(committing);
    const thin = startProcess([...PROFILE, 'bench/bare-socketio-server.js'], { PORT: String(ports.thin) });
    children.push(thin);
    const servers = [
      { key: 'e', pid: enlace.pid, child: enlace, port: ports.enlace },
      { key: 'c', pid: committing.pid, child: committing, port: ports.committing },
      { key: 't', pid: thin.pid, child: thin, port: ports.thin },
    ].map((s) => ({ ...s, url: `http://127.0.0.1:${s.port}`, seeded }));
    for (const s of servers) await waitForHealth(`${s.url}/health`, s.child);

    // The message's own path, each server in turn; then each fan-out size, each server in turn.
    const path = [];
    for (const s of servers) path.push((await measure(s, PATH.sockets, [PATH.rate]))[0]);
    const fanOut = [];
    for (const sockets of [...new Set(CONFIGS.map((c) => c.sockets))]) {
      const rates = CONFIGS.filter((c) => c.sockets === sockets).map((c) => c.rate);
      const byServer = [];
      for (const s of servers) byServer.push(await measure(s, sockets, rates));
      const [e, c, t] = byServer;
      rates.forEach((_, i) => fanOut.push({ enlace: e[i], committing: c[i], thin: t[i] }));
    }

    const result = {
      benchmark: 'chat-fanout',
      load: `one channel; ${SENDERS} senders; ${DURATION_S} s per configuration after ${WARMUP_S} s of warm-up`,
      statements,
      // The servers' process ids (BENCH_PROFILE's files are named after them).
      pids: { enlace: enlace.pid, committing: committing.pid, thin: thin.pid },
      path: { enlace: path[0], baselineCommitting: path[1], baselineThin: path[2] },
      fanOut,
      rows: rowsOf({ statements, path, fanOut }),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    for (const child of children) await stop(child);
    await withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
