'use strict';
/**
 * PDFs off the request thread (decision 0027): while plan reports are downloaded back to back, other
 * requests must not wait for pdfkit. Enlace (built, on PostgreSQL) gets `{ ping }` at a steady
 * arrival rate (open loop, latency counted from each request's schedule, from a worker thread of
 * its own, as bench/import-ping.js) while one client downloads `GET /action-plans/:id.pdf` of an
 * 8-objective × 10-action × 2-indicator plan (11 pages) again and again, as its network's
 * secretariat. The baseline is the same ping stream with no PDF asked for, in the same run against
 * the same process (about 45 s in all, so it is part of `npm run bench`). To compare with another
 * commit, build it, copy its dist/ beside this one, and run
 * `BENCH_API_ENTRY=dist-main/apps/api/src/main.js node bench/pdf-ping.js`.
 */
const { createHash, randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');
const { Client } = require('pg');
const { cpuMs, freePort, startProcess, waitForHealth, stop, withClient } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const RATE = Number(process.env.BENCH_PING_RATE ?? 20);
/** Clients downloading PDFs at once, each back to back. */
const PDF_CLIENTS = Number(process.env.BENCH_PDF_CLIENTS ?? 1);
const PING = JSON.stringify({ query: '{ ping }' });
/** The api to start (a build of another commit copied beside dist/, to compare in one sitting). */
const ENTRY = process.env.BENCH_API_ENTRY ?? 'dist/apps/api/src/main.js';
/** Ping p99 while PDFs are made at most this many times the baseline's. */
const TARGET_RATIO = 5;

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

/** `{ ping }` at `RATE` per second for `seconds`, open loop, from a worker thread; every latency. */
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

/** The plan's PDF, again and again, until `until()` says stop; durations, pages and sizes. */
async function downloads(base, token, planId, until) {
  const durations = [];
  let bytes = 0;
  let pages = 0;
  let busy = 0;
  while (!until()) {
    const started = performance.now();
    const res = await fetch(`${base}/action-plans/${planId}.pdf?asOf=2014-06-30`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' },
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 503) {
      busy += 1;
      continue;
    }
    if (res.status !== 200 || body.subarray(0, 5).toString() !== '%PDF-') {
      throw new Error(`PDF failed (${res.status}): ${body.toString('utf8', 0, 300)}`);
    }
    durations.push(performance.now() - started);
    bytes = body.length;
    pages = body.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  }
  return { durations, bytes, pages, busy };
}

/** One network, its secretariat (a session token), one plan of 8 objectives × 10 actions × 2 indicators. */
async function generate(db) {
  const text = (t) => `jsonb_build_object('fr', jsonb_build_object('text', ${t}, 'status', 'ORIGINAL'))`;
  const [network] = (
    await db.query(
      `INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
       VALUES ('bench-pdf', '{"fr": {"text": "Comité régional de la CIRGL", "status": "ORIGINAL"}}', 'GOVERNMENTAL', 'fr', '{fr,en}', 'PUBLIC')
       RETURNING id`,
    )
  ).rows;
  await db.query(`INSERT INTO member_state (network_id, country_code) VALUES ($1, 'KE')`, [network.id]);
  const [plan] = (
    await db.query(
      `INSERT INTO action_plan (network_id, member_state, title, summary, period_start, period_end, status, visibility)
       VALUES ($1, 'KE', ${text("'Plan national d’alerte précoce et de réponse rapide'")},
               ${text("repeat('Prévention structurelle, alerte précoce et coordination nationale. ', 6)")},
               DATE '2013-01-01', DATE '2015-12-31', 'ACTIVE', 'NETWORK')
       RETURNING id`,
      [network.id],
    )
  ).rows;
  await db.query(
    `INSERT INTO plan_objective (plan_id, position, title, description, tags)
     SELECT $1, o, ${text("'Objectif ' || o || ' : renforcer les mécanismes nationaux de prévention'")},
            ${text("repeat('Description de l’objectif, ses résultats attendus et ses partenaires. ', 2)")},
            ARRAY['dimension:authority']
       FROM generate_series(1, 8) AS o`,
    [plan.id],
  );
  await db.query(
    `INSERT INTO plan_action (plan_id, objective_id, position, title, responsible_organisation, starts_on, due_on,
                              status, progress, weight)
     SELECT o.plan_id, o.id, n, ${text("'Action ' || n || ' : former les fonctionnaires des comtés à l’alerte précoce'")},
            'Commission nationale pour la cohésion et l’intégration',
            DATE '2013-01-01', DATE '2013-03-31' + (n * 60 + o.position * 7),
            (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'])[1 + (n + o.position) % 6],
            (n * 13 + o.position * 7) % 101, 1 + (n % 3)
       FROM plan_objective o, generate_series(1, 10) AS n WHERE o.plan_id = $1`,
    [plan.id],
  );
  await db.query(
    `INSERT INTO plan_indicator (plan_id, action_id, title, unit, value_type, baseline, target, direction,
                                 current_value, schedule_start, schedule_end, every_months)
     SELECT a.plan_id, a.id, ${text("'Indicateur ' || k || ' : comtés couverts'")}, 'comtés', 'NUMBER', 0, 47, 'UP',
            (a.position * 11 + k * 17) % 48, DATE '2013-01-01', DATE '2015-01-01', 3
       FROM plan_action a, generate_series(1, 2) AS k WHERE a.plan_id = $1`,
    [plan.id],
  );
  await db.query(`UPDATE action_plan p SET vis_keys = ARRAY['n:' || p.network_id, 'a'] WHERE p.id = $1`, [plan.id]);
  const [person] = (await db.query(`INSERT INTO person (name) VALUES ('Secrétariat') RETURNING id`)).rows;
  const [account] = (
    await db.query(
      `INSERT INTO account (person_id, email, password_hash) VALUES ($1, 'bench-pdf@example.org', 'x') RETURNING id`,
      [person.id],
    )
  ).rows;
  await db.query(`INSERT INTO membership (person_id, network_id, role) VALUES ($1, $2, 'SECRETARIAT')`, [
    person.id,
    network.id,
  ]);
  const token = `enl_${randomBytes(32).toString('base64url')}`;
  await db.query(`INSERT INTO session (account_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
    account.id,
    createHash('sha256').update(token, 'utf8').digest(),
  ]);
  return { planId: plan.id, token };
}

async function main() {
  const name = `enlace_bench_pdf_${randomBytes(4).toString('hex')}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    const port = await freePort();
    const enlace = startProcess([ENTRY], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(`${base}/health`, enlace, 120_000); // migrations ran
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      let data;
      try {
        data = await generate(db);
      } finally {
        await db.end();
      }

      // Warm-up: a few PDFs (fonts parsed, workers started), then pings; then the baseline, nothing else running.
      await downloads(
        base,
        data.token,
        data.planId,
        (
          (n) => () =>
            n-- <= 0
        )(3),
      );
      await pings(base, 2);
      const baseline = await pings(base, DURATION_S);

      let done = false;
      const cpuBefore = cpuMs(enlace.pid);
      const started = performance.now();
      const running = Promise.all(
        Array.from({ length: PDF_CLIENTS }, () => downloads(base, data.token, data.planId, () => done)),
      );
      const during = await pings(base, DURATION_S);
      done = true;
      const made = await running;
      const elapsedS = (performance.now() - started) / 1000;
      const cpu = cpuMs(enlace.pid) - cpuBefore;
      const durations = made.flatMap((m) => m.durations);

      const ratio = during.p99Ms / baseline.p99Ms;
      const result = {
        benchmark: 'pdf-ping',
        workload:
          `{ ping } at ${RATE}/s (open loop) while ${PDF_CLIENTS} client(s) download a plan report ` +
          `(GET /action-plans/:id.pdf, ${made[0].pages} pages, ${made[0].bytes} bytes) back to back`,
        durationSeconds: DURATION_S,
        baselineNoPdf: baseline,
        duringPdfs: during,
        pdfs: {
          count: durations.length,
          perSecond: Number((durations.length / elapsedS).toFixed(2)),
          meanMs: Math.round(durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length)),
          maxMs: Math.round(Math.max(0, ...durations)),
          busy503: made.reduce((n, m) => n + m.busy, 0),
          serverCpuMsPerPdfPingsIncluded: durations.length > 0 ? Math.round(cpu / durations.length) : null,
        },
        p99Ratio: Number(ratio.toFixed(2)),
        target: `ping p99 while PDFs are made <= ${TARGET_RATIO}x the baseline's`,
        meetsTarget: during.failures === 0 && baseline.failures === 0 && ratio <= TARGET_RATIO,
      };
      result.rows = [
        {
          figure: `PDF downloads: { ping } p99 while ${made[0].pages}-page plan reports are made back to back (ms)`,
          value: during.p99Ms,
          baseline: baseline.p99Ms,
          ratio: result.p99Ratio,
          target: result.target,
          met: result.meetsTarget,
        },
      ];
      console.log(JSON.stringify(result, null, 2));
      return result;
    } finally {
      await stop(enlace);
    }
  } finally {
    await withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

if (!isMainThread) pinger(workerData).then((result) => parentPort.postMessage(result));
else if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
module.exports = { main };
