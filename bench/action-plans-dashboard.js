'use strict';
/**
 * Issue 13's performance target: a network of 18 member states, one plan each of 8 objectives × 10
 * actions × 2 indicators with two years of monthly reports; the network dashboard for a secretariat
 * answers in p95 ≤ 50 ms with 20 concurrent clients, and within 2× the same aggregation written as
 * one hand-tuned SQL query run directly through `pg` in the same run.
 *
 * - Enlace (built, on PostgreSQL): `networkDashboard(networkId, asOf) { total byMemberState byRegion
 *   byDimension byYear }` over GraphQL, as the network's secretariat.
 * - Baseline: the dashboard's own statement, prepared, through a `pg` pool of the app's size (10),
 *   20 clients (no session, no GraphQL, no cache: every call computes).
 * - Under writes: Enlace again while a plan of the network changes every 50 ms.
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

const AS_OF = '2014-06-30';
const QUERY = `query ($id: ID!) { networkDashboard(networkId: $id, asOf: "${AS_OF}") {
  total { plans actions progress done overdue indicatorsOnTrack indicatorsOffTrack }
  byMemberState { key plans actions progress done overdue indicatorsOnTrack indicatorsOffTrack }
  byRegion { key plans actions progress } byDimension { key actions progress overdue } byYear { key actions overdue } } }`;

/**
 * The baseline runs the dashboard's own statement (its text and values as the app builds them for
 * this secretariat, from the built RollupRepository), prepared, through a `pg` pool of the app's
 * size (10): the same result, without HTTP, session, GraphQL, the plans' token or the cache.
 */
const APP_POOL_SIZE = 10;
function dashboardStatement(networkId, personId) {
  const { DataSource } = require('typeorm');
  const { RollupRepository } = require('../dist/libs/action-plans/src/rollup/rollup.repository.js');
  const driver = new DataSource({ type: 'postgres', url: SERVER }).driver;
  let captured = null;
  const fake = {
    driver: {
      escapeQueryWithParameters: (sql, params) => (captured = driver.escapeQueryWithParameters(sql, params)),
    },
  };
  const actor = {
    personId,
    accountId: null,
    sessionId: null,
    isAdmin: false,
    memberships: [{ networkId, role: 'SECRETARIAT', memberState: null }],
    partnerNetworkIds: [],
    lang: 'en',
  };
  // It throws once it reaches the (fake) pool, after building the statement.
  const repository = new RollupRepository(fake);
  return (repository.computeDashboard ?? repository.dashboard)
    .call(repository, actor, { networkId, asOf: AS_OF })
    .catch(() => undefined)
    .then(() => {
      if (!captured) throw new Error('no dashboard statement captured');
      return { name: 'bench_dashboard', text: captured[0], values: captured[1] };
    });
}

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
  return { networkId: network.id, personId: person.id, token, counts };
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
    const pool = new Pool({ connectionString: databaseUrl, max: APP_POOL_SIZE });
    pool.on('error', () => {});
    let enlaceResult;
    let baseline;
    let underWrites;
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
      const statement = await dashboardStatement(data.networkId, data.personId);
      const direct = () => pool.query(statement);
      const baselineRows = (await direct()).rows.length;
      if (
        baselineRows !==
        1 + sample.byMemberState.length + sample.byRegion.length + sample.byDimension.length + sample.byYear.length
      ) {
        throw new Error(`baseline returned ${baselineRows} lines`);
      }
      await closedLoop(3, once);
      await closedLoop(3, direct);
      enlaceResult = await closedLoop(DURATION_S, once);
      baseline = await closedLoop(DURATION_S, direct);
      // Under writes: a plan of the network changes every 50 ms (a report, say), so most dashboards
      // are computed afresh rather than served under an unchanged plans' token.
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await pool.query(
            `UPDATE action_plan SET updated_at = now() WHERE id = (SELECT id FROM action_plan WHERE network_id = $1 ORDER BY random() LIMIT 1)`,
            [data.networkId],
          );
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      try {
        underWrites = await closedLoop(DURATION_S, once);
      } finally {
        writing = false;
        await writer;
      }
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
      enlaceUnderWrites: underWrites,
      baselineSameStatementThroughPg: baseline,
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
        {
          figure: `action-plans dashboard p95 under writes (a plan changes every 50 ms), ${CLIENTS} clients (ms)`,
          value: underWrites.p95Ms,
          baseline: baseline.p95Ms,
          ratio: baseline.p95Ms ? Number((underWrites.p95Ms / baseline.p95Ms).toFixed(2)) : null,
          target: '≤ 2 × baseline',
          met: baseline.p95Ms !== null && underWrites.p95Ms <= 2 * baseline.p95Ms && underWrites.failures === 0,
          loadAverage: underWrites.loadAverage,
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
