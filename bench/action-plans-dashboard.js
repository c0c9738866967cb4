'use strict';
/**
 * Issue 13's performance target: a network of 18 member states, one plan each of 8 objectives × 10
 * actions × 2 indicators with two years of monthly reports; the network dashboard for a secretariat
 * answers in p95 ≤ 50 ms with 20 concurrent clients, and within 2× the same aggregation written as
 * one hand-tuned SQL query run directly through `pg` in the same run.
 *
 * - Enlace (built, on PostgreSQL): `networkDashboard(networkId, asOf) { total byMemberState byRegion
 *   byDimension byYear }` over GraphQL, as the network's secretariat.
 * - Baseline: one hand-written statement (no visibility keys, no session, no GraphQL) computing the
 *   same per-state figures, 20 clients on a `pg` pool of 20.
 * - Closed loop, 20 clients back to back for BENCH_DURATION seconds each (after a warm-up).
 */
const { createHash, randomBytes } = require('node:crypto');
const { loadavg } = require('node:os');
const { performance } = require('node:perf_hooks');
const { Client, Pool } = require('pg');
const { freePort, startProcess, waitForHealth, stop } = require('./lib');

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CLIENTS = 20;
const STATES = [
  'BI',
  'CD',
  'CF',
  'CG',
  'KE',
  'RW',
  'SD',
  'SS',
  'TZ',
  'UG',
  'AO',
  'ZM',
  'ET',
  'SO',
  'DJ',
  'ER',
  'MZ',
  'MW',
];

const QUERY = `query ($id: ID!) { networkDashboard(networkId: $id, asOf: "2014-06-30") {
  total { plans actions progress done overdue indicatorsOnTrack indicatorsOffTrack }
  byMemberState { key plans actions progress done overdue indicatorsOnTrack indicatorsOffTrack }
  byRegion { key plans actions progress } byDimension { key actions progress overdue } byYear { key actions overdue } } }`;

/** The hand-tuned aggregation: per member state, what the dashboard's main table shows. */
const BASELINE = `
  SELECT p.member_state, count(DISTINCT p.id) AS plans,
         count(*) FILTER (WHERE a.status <> 'CANCELLED') AS actions,
         round(sum(a.weight * CASE WHEN a.status = 'DONE' THEN 100 ELSE a.progress END) FILTER (WHERE a.status <> 'CANCELLED')
               / NULLIF(sum(a.weight) FILTER (WHERE a.status <> 'CANCELLED'), 0), 1) AS progress,
         count(*) FILTER (WHERE a.status = 'DONE') AS done,
         count(*) FILTER (WHERE a.due_on < DATE '2014-06-30' AND a.status NOT IN ('DONE', 'CANCELLED')) AS overdue,
         (SELECT count(*) FROM plan_indicator i JOIN action_plan q ON q.id = i.plan_id
           WHERE q.network_id = $1 AND q.member_state = p.member_state AND i.current_value >= i.target) AS on_track
    FROM action_plan p JOIN plan_action a ON a.plan_id = p.id
   WHERE p.network_id = $1
   GROUP BY p.member_state ORDER BY p.member_state`;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
}

async function closedLoop(seconds, once) {
  const ms = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          await once();
        } catch {
          failures += 1;
        }
        ms.push(performance.now() - started);
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return {
    requests: ms.length,
    failures,
    requestsPerSecond: Math.round(ms.length / seconds),
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    p99Ms: percentile(ms, 99),
    loadAverage: Number(loadavg()[0].toFixed(2)),
  };
}

/** 18 plans × 8 objectives × 10 actions × 2 indicators, monthly due dates over two years, a report for each. */
async function generate(db) {
  const [network] = (
    await db.query(
      `INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
       VALUES ('bench-icglr', '{"en": {"text": "ICGLR", "status": "ORIGINAL"}}', 'GOVERNMENTAL', 'en', '{en,fr}', 'PUBLIC')
       RETURNING id`,
    )
  ).rows;
  await db.query(`INSERT INTO member_state (network_id, country_code) SELECT $1, unnest(CAST($2 AS text[]))`, [
    network.id,
    STATES,
  ]);
  const title = (t) => `jsonb_build_object('en', jsonb_build_object('text', ${t}, 'status', 'ORIGINAL'))`;
  await db.query(
    `INSERT INTO action_plan (network_id, member_state, title, period_start, period_end, status, visibility)
     SELECT $1, s, ${title("'National action plan ' || s")}, DATE '2013-01-01', DATE '2015-12-31', 'ACTIVE', 'NETWORK'
       FROM unnest(CAST($2 AS text[])) AS s`,
    [network.id, STATES],
  );
  const dims = [
    'dimension:diversity',
    'dimension:authority',
    'dimension:livelihoods',
    'dimension:civil_society',
    'dimension:nonrecurrence',
  ];
  await db.query(
    `INSERT INTO plan_objective (plan_id, position, title, tags)
     SELECT p.id, o, ${title("'Objective ' || o")}, ARRAY[(CAST($2 AS text[]))[1 + (o % 5)]]
       FROM action_plan p, generate_series(1, 8) AS o WHERE p.network_id = $1`,
    [network.id, dims],
  );
  await db.query(
    `INSERT INTO plan_action (plan_id, objective_id, position, title, starts_on, due_on, status, progress, weight)
     SELECT o.plan_id, o.id, n, ${title("'Action ' || n")}, DATE '2013-01-01', DATE '2013-03-31' + (n * 60 + o.position * 7),
            (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'])[1 + (n + o.position) % 6],
            (n * 13 + o.position * 7) % 101, 1 + (n % 3)
       FROM plan_objective o JOIN action_plan p ON p.id = o.plan_id, generate_series(1, 10) AS n WHERE p.network_id = $1`,
    [network.id],
  );
  await db.query(
    `INSERT INTO plan_indicator (plan_id, action_id, title, unit, value_type, baseline, target, direction,
                                 current_value, schedule_start, schedule_end, every_months)
     SELECT a.plan_id, a.id, ${title("'Indicator ' || k")}, 'cases', 'NUMBER', 0, 100, 'UP', (a.position * 11 + k * 17) % 120,
            DATE '2013-01-01', DATE '2015-01-01', 1
       FROM plan_action a JOIN action_plan p ON p.id = a.plan_id, generate_series(1, 2) AS k WHERE p.network_id = $1`,
    [network.id],
  );
  await db.query(
    `INSERT INTO plan_indicator_due (indicator_id, due_on)
     SELECT i.id, (DATE '2013-01-01' + make_interval(months => m))::date
       FROM plan_indicator i, generate_series(1, 24) AS m`,
  );
  await db.query(
    `INSERT INTO plan_progress_report (plan_id, action_id, indicator_id, due_id, value)
     SELECT i.plan_id, i.action_id, i.id, d.id, (extract(month FROM d.due_on) * 4)::int
       FROM plan_indicator_due d JOIN plan_indicator i ON i.id = d.indicator_id`,
  );
  await db.query(`UPDATE action_plan p SET vis_keys = ARRAY['n:' || p.network_id, 'a'] WHERE p.network_id = $1`, [
    network.id,
  ]);
  const [person] = (await db.query(`INSERT INTO person (name) VALUES ('Bench secretariat') RETURNING id`)).rows;
  const [account] = (
    await db.query(
      `INSERT INTO account (person_id, email, password_hash) VALUES ($1, 'bench-plans@example.org', 'x') RETURNING id`,
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
  await db.query('VACUUM ANALYZE');
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM plan_action)::int AS actions, (SELECT count(*) FROM plan_indicator)::int AS indicators,
              (SELECT count(*) FROM plan_progress_report)::int AS reports`,
    )
  ).rows[0];
  return { networkId: network.id, token, counts };
}

async function main() {
  const name = `enlace_bench_plans_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const start = (port) =>
    startProcess(['dist/apps/api/src/main.js'], {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    });
  try {
    let port = await freePort();
    const migrating = start(port);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`, migrating, 120_000);
    } finally {
      await stop(migrating);
    }
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    let data;
    try {
      data = await generate(db);
    } finally {
      await db.end();
    }
    port = await freePort();
    const enlace = start(port);
    const pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
    pool.on('error', () => {});
    let enlaceResult;
    let baseline;
    let sample;
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(`${base}/health`, enlace, 120_000);
      const once = async () => {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
          body: JSON.stringify({ query: QUERY, variables: { id: data.networkId } }),
        });
        const body = await res.json();
        if (res.status !== 200 || body.errors) throw new Error(JSON.stringify(body.errors ?? res.status));
        return body.data.networkDashboard;
      };
      sample = await once();
      const direct = () => pool.query(BASELINE, [data.networkId]);
      await closedLoop(3, once);
      await closedLoop(3, direct);
      enlaceResult = await closedLoop(DURATION_S, once);
      baseline = await closedLoop(DURATION_S, direct);
    } finally {
      await stop(enlace);
      await pool.end();
    }
    const ratio = baseline.p95Ms ? Number((enlaceResult.p95Ms / baseline.p95Ms).toFixed(2)) : null;
    const result = {
      benchmark: 'action-plans-dashboard',
      data: { memberStates: STATES.length, ...data.counts },
      total: sample.total,
      enlace: enlaceResult,
      baselineHandTunedSqlThroughPg: baseline,
      rows: [
        {
          figure: `action-plans dashboard p95, ${CLIENTS} closed-loop clients, secretariat (ms)`,
          value: enlaceResult.p95Ms,
          baseline: baseline.p95Ms,
          ratio,
          target: '≤ 50 and ≤ 2 × baseline',
          met: enlaceResult.p95Ms <= 50 && ratio !== null && ratio <= 2 && enlaceResult.failures === 0,
          loadAverage: enlaceResult.loadAverage,
        },
      ],
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    if (process.env.BENCH_KEEP) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

module.exports = { main };
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
