import { DataSource } from 'typeorm';
import { createEngineDatabase, Engine, EngineDatabase, ENGINES, testContext, TestContext } from '@enlace/testing';
import { JobClaimRepository } from './job-claim.repository';
import { JobSchedule, slotOf } from './job-schedule';
import { ScheduledJobRunner } from './scheduled-job.runner';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One scheduler process: the runner and its claims, on `database` (a fresh one by default). */
const scheduler = (options: { engine?: Engine; database?: EngineDatabase } = {}) =>
  testContext({ ...options, providers: [JobClaimRepository, ScheduledJobRunner] });

/**
 * Three schedulers, each with its own connection pool to one PostgreSQL database, as three worker
 * processes would be: every slot runs exactly once.
 */
describe('scheduled jobs claim (job, slot) in job_run', () => {
  let db: EngineDatabase;
  let processes: TestContext[];
  let sources: DataSource[];
  let runners: ScheduledJobRunner[];
  let claims: JobClaimRepository;

  beforeAll(async () => {
    db = await createEngineDatabase('PostgreSQL');
    processes = await Promise.all([1, 2, 3].map(() => scheduler({ database: db })));
    sources = processes.map((p) => p.dataSource);
    runners = processes.map((p) => p.get(ScheduledJobRunner));
    claims = processes[0].get(JobClaimRepository);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.close()));
    await db.drop();
  });

  it('runs each slot once when three schedulers tick at the same instant', async () => {
    const schedule: JobSchedule = { name: 'same-instant', everyMs: 60_000 };
    const runs: { slot: string; owner: string }[] = [];
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 20; i += 1) {
      const now = new Date(base + i * 60_000 + 1234);
      const results = await Promise.all(
        runners.map((runner) =>
          runner.run(
            schedule,
            async () => {
              runs.push({ slot: slotOf(schedule, now).toISOString(), owner: runner.owner });
              await sleep(5);
            },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.ran)).toHaveLength(1);
    }
    const perSlot = new Map<string, number>();
    for (const run of runs) perSlot.set(run.slot, (perSlot.get(run.slot) ?? 0) + 1);
    expect(perSlot.size).toBe(20);
    expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
    // The work was shared: more than one scheduler won some slot.
    expect(new Set(runs.map((r) => r.owner)).size).toBeGreaterThan(1);
    const rows = await claims.runs(schedule.name);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === 'DONE' && r.attempts === 1)).toBe(true);
  });

  it('runs each slot once while three schedulers tick on their own timers', async () => {
    const schedule: JobSchedule = { name: 'timers', everyMs: 200 };
    const runs: string[] = [];
    const stopAt = Date.now() + 2_500;
    await Promise.all(
      runners.map(async (runner, i) => {
        await sleep(i * 7);
        while (Date.now() < stopAt) {
          await runner.run(schedule, async (_signal, slot) => {
            runs.push(slot.toISOString());
            await sleep(Math.random() * 40);
          });
          await sleep(15 + Math.random() * 15);
        }
      }),
    );
    const distinct = new Set(runs);
    expect(distinct.size).toBeGreaterThanOrEqual(10);
    expect(runs).toHaveLength(distinct.size); // no slot twice
    const rows = await claims.runs(schedule.name);
    expect(rows.map((r) => new Date(r.slot).toISOString()).sort()).toEqual([...distinct].sort());
  });

  it('retries a run that crashed (its heartbeat stopped), as the same slot', async () => {
    const schedule: JobSchedule = { name: 'crashed', everyMs: 3_600_000, staleAfterMs: 500 };
    const now = new Date();
    const slot = slotOf(schedule, now);
    await sources[0].query(
      `INSERT INTO job_run (job, slot, status, owner, heartbeat_at) VALUES ($1, $2, 'RUNNING', 'killed-process', now() - interval '10 seconds')`,
      [schedule.name, slot],
    );
    let ran = 0;
    const result = await runners[1].run(schedule, async () => (ran += 1), now);
    expect(result).toMatchObject({ ran: true, status: 'DONE', claim: { outcome: 'TAKEN_OVER', attempt: 2 } });
    expect(ran).toBe(1);
    expect(await runners[2].run(schedule, async () => (ran += 1), now)).toMatchObject({ ran: false });
    const [row] = await claims.runs(schedule.name);
    expect(row).toMatchObject({ status: 'DONE', attempts: 2, owner: runners[1].owner });
  });

  it('does not take over a long run that is still beating', async () => {
    const schedule: JobSchedule = { name: 'long', everyMs: 200, staleAfterMs: 300 };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runners[0].run(schedule, () => held);
    await sleep(50);
    // Later slots come and go while the first run goes on (its heartbeat keeps it alive past staleAfterMs).
    const blocked: boolean[] = [];
    for (let i = 0; i < 6; i += 1) {
      await sleep(120);
      for (const runner of runners.slice(1)) blocked.push((await runner.run(schedule, async () => undefined)).ran);
    }
    expect(blocked.every((ran) => !ran)).toBe(true);
    release();
    expect(await first).toMatchObject({ ran: true, status: 'DONE' });
    await sleep(schedule.everyMs); // the next slot is free once the long run is over
    expect(await runners[1].run(schedule, async () => undefined)).toMatchObject({ ran: true, status: 'DONE' });
  });

  it('retries a failed slot with backoff, a bounded number of times', async () => {
    const schedule: JobSchedule = { name: 'failing', everyMs: 3_600_000, maxAttempts: 3, retryBaseMs: 200 };
    const now = new Date();
    const fail = async () => {
      throw new Error('smtp down');
    };
    expect(await runners[0].run(schedule, fail, now)).toMatchObject({ ran: true, status: 'FAILED' });
    expect(await runners[1].run(schedule, fail, now)).toMatchObject({ ran: false }); // backoff: 200 ms
    await sleep(250);
    expect(await runners[1].run(schedule, fail, now)).toMatchObject({
      ran: true,
      status: 'FAILED',
      claim: { outcome: 'RETRY', attempt: 2 },
    });
    await sleep(450); // 400 ms after the second attempt
    expect(await runners[2].run(schedule, async () => 'ok', now)).toMatchObject({
      ran: true,
      status: 'DONE',
      claim: { outcome: 'RETRY', attempt: 3 },
    });
    const [row] = await claims.runs(schedule.name);
    expect(row).toMatchObject({ status: 'DONE', attempts: 3, result: 'ok', lastError: null });

    const exhausted: JobSchedule = { ...schedule, name: 'exhausted', maxAttempts: 1 };
    expect(await runners[0].run(exhausted, fail, now)).toMatchObject({ ran: true, status: 'FAILED' });
    await sleep(250);
    expect(await runners[1].run(exhausted, fail, now)).toMatchObject({ ran: false });
    expect((await claims.runs(exhausted.name))[0]).toMatchObject({ status: 'FAILED', lastError: 'smtp down' });
  });
});

/** The embedded mode (one process, one PGlite connection) claims like PostgreSQL. */
describe.each(ENGINES)('claims on %s', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await scheduler({ engine });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('claims a slot once', async () => {
    const runner = ctx.get(ScheduledJobRunner);
    const schedule = { name: 'embedded', everyMs: 3_600_000 };
    const now = new Date();
    expect(await runner.run(schedule, async () => 'done', now)).toMatchObject({ ran: true, status: 'DONE' });
    expect(await runner.run(schedule, async () => 'again', now)).toMatchObject({ ran: false });
  });
});
