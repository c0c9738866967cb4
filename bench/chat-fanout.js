'use strict';
/**
 * SPEC §6: chat fan-out — 1,000 sockets in one channel, 100 messages per second for 30 s; p50/p99
 * send→receive latency and messages lost (must be 0). Enlace (built, on PostgreSQL: every message is
 * authorised, committed, then broadcast) against the same load on a bare Socket.IO server
 * (bench/bare-socketio-server.js) in the same run; the ratio is Enlace's p99 over the baseline's.
 *
 * The receiving sockets live in BENCH_WORKERS child processes (bench/chat-fanout-client.js), so that
 * decoding 100,000 events per second does not happen in the process that sends and measures.
 * Environment: BENCH_SOCKETS (1000), BENCH_RATE (100 per s), BENCH_CHAT_DURATION (30 s), BENCH_WORKERS (4),
 * BENCH_WARMUP (5 s of the same load first, not measured), BENCH_DIST (the build to run, default dist),
 * BENCH_PROFILE (a directory: write CPU profiles of both servers there).
 */
const { fork } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { io } = require('socket.io-client');
const { freePort, startProcess, waitForHealth, stop, cpuMs, withClient } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION_S = Number(process.env.BENCH_CHAT_DURATION ?? 30);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 5);
const SENDERS = 10;
const BUCKET_MS = 0.1;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A network, one network-wide channel, SOCKETS receivers and SENDERS senders, each with a session. */
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
    const n = SOCKETS + SENDERS;
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
    return { channel, receivers: tokens.slice(0, SOCKETS), senders: tokens.slice(SOCKETS) };
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

function ask(worker, type) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`receiver worker exited with ${code} while waiting for ${type}`));
    const onMessage = (msg) => {
      if (msg.type === type) {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(msg);
      } else if (msg.type === 'error') reject(new Error(msg.message));
    };
    worker.once('exit', onExit);
    worker.on('message', onMessage);
    if (type !== 'ready') worker.send({ type });
  });
}

/** The load against one server: connect everything, send RATE messages/s for DURATION_S, collect. */
async function run(url, channel, receivers, senderTokens, serverPid) {
  const per = Math.ceil(receivers.length / WORKERS);
  const workers = [];
  for (let w = 0; w < WORKERS; w += 1) {
    const slice = receivers.slice(w * per, (w + 1) * per);
    if (slice.length === 0) continue;
    workers.push(
      fork(join(__dirname, 'chat-fanout-client.js'), [JSON.stringify({ url, tokens: slice, channelId: channel })]),
    );
  }
  try {
    await Promise.all(workers.map((w) => ask(w, 'ready')));
    const senders = await Promise.all(
      senderTokens.map(
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
    let failed = 0;
    /** Sends `count` messages at RATE per second, spread over the senders; resolves when all are acknowledged. */
    const send = async (prefix, count) => {
      const acks = [];
      const start = now() + 100;
      for (let i = 0; i < count; i += 1) {
        const due = start + (i * 1000) / RATE;
        const wait = due - now();
        if (wait > 1) await sleep(wait);
        const body = `bench message ${i} @${now()}`;
        acks.push(
          senders[i % senders.length]
            .timeout(30_000)
            .emitWithAck('message:send', { channelId: channel, clientId: `${prefix}-${i}`, body })
            .then(
              (ack) => (ack.ok ? null : (failed += 1)),
              () => (failed += 1),
            ),
        );
      }
      await Promise.all(acks);
      return (now() - start) / 1000;
    };
    await send('w', RATE * WARMUP_S); // JIT, pools and caches warm, as in a server that has been up a while
    failed = 0;
    const total = RATE * DURATION_S;
    const cpuBefore = cpuMs(serverPid);
    const sendSeconds = await send('m', total);
    // Let the last broadcasts arrive (at most 15 s), then collect.
    const deadline = now() + 15_000;
    let reports;
    for (;;) {
      reports = await Promise.all(workers.map((w) => ask(w, 'progress')));
      const received = reports.reduce((sum, r) => sum + r.received, 0);
      if (received >= total * receivers.length || now() > deadline) break;
      await sleep(200);
    }
    const serverCpuMs = cpuMs(serverPid) - cpuBefore;
    reports = await Promise.all(workers.map((w) => ask(w, 'report')));
    for (const s of senders) s.disconnect();
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
      sockets: receivers.length,
      messagesSent: total,
      sendFailures: failed,
      sendSeconds: Number(sendSeconds.toFixed(1)),
      deliveries: received,
      lost,
      latencyP50Ms: percentile(histogram, deliveries, 0.5),
      latencyP99Ms: percentile(histogram, deliveries, 0.99),
      latencyMaxMs: percentile(histogram, deliveries, 1),
      // The server's CPU (every thread) while the measured messages were sent and delivered, per message:
      // the message's own path plus its deliveries (~14 µs per socket); measure the path with few sockets.
      serverCpuMsPerMessage: Number((serverCpuMs / total).toFixed(2)),
    };
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill();
  }
}

async function main() {
  const name = `enlace_bench_${randomBytes(4).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  try {
    const port = await freePort();
    const enlace = startProcess([...profile, join(process.env.BENCH_DIST ?? 'dist', 'apps/api/src/main.js')], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    });
    let seeded;
    let enlaceResult;
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`, enlace);
      seeded = await seed(databaseUrl);
      enlaceResult = await run(
        `http://127.0.0.1:${port}`,
        seeded.channel,
        seeded.receivers,
        seeded.senders,
        enlace.pid,
      );
    } finally {
      await stop(enlace);
    }

    const barePort = await freePort();
    const bare = startProcess([...profile, 'bench/bare-socketio-server.js'], { PORT: String(barePort) });
    let bareResult;
    try {
      await waitForHealth(`http://127.0.0.1:${barePort}/health`, bare);
      bareResult = await run(
        `http://127.0.0.1:${barePort}`,
        seeded.channel,
        seeded.receivers,
        seeded.senders,
        bare.pid,
      );
    } finally {
      await stop(bare);
    }

    const result = {
      benchmark: 'chat-fanout',
      load: `${SOCKETS} sockets in one channel, ${RATE} messages/s for ${DURATION_S} s, from ${SENDERS} senders`,
      enlace: enlaceResult,
      baselineBareSocketIo: bareResult,
      p99Ratio: Number((enlaceResult.latencyP99Ms / bareResult.latencyP99Ms).toFixed(2)),
      target: 'p99 <= 100 ms, lost = 0',
      meetsTarget: enlaceResult.latencyP99Ms <= 100 && enlaceResult.lost === 0 && enlaceResult.sendFailures === 0,
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
