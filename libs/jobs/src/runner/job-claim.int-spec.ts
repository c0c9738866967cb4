import { DataSource } from 'typeorm';
import { createEngineDatabase, Engine, EngineDatabase, ENGINES, testContext, TestContext } from '@enlace/testing';
import { JobClaimRepository } from './job-claim.repository';
import { JobSchedule, slotOf } from './job-schedule';
import { ScheduledJobRunner } from './scheduled-job.runner';

/** Lets other promises run (a few turns of the event loop), without waiting for any amount of time. */
const yieldTurns = async (turns: number) => {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

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
              await yieldTurns(3);
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

  it('runs each slot once while three schedulers tick out of step, and loses none', async () => {
    // Each scheduler walks the same 30 slots with its own pauses between ticks and its own work
    // lengths (turns of the event loop, not time), so claims, runs and finishes of different slots
    // interleave in every order. A slot refused because another run of the job was going on is
    // still free afterwards: a last pass finds every slot claimable once and none twice.
    const schedule: JobSchedule = { name: 'out-of-step', everyMs: 60_000 };
    const base = Date.parse('2026-02-01T00:00:00Z');
    const instants = Array.from({ length: 30 }, (_, i) => new Date(base + i * 60_000 + 5_000));
    const runs: string[] = [];
    const work = async (_signal: AbortSignal, slot: Date) => {
      runs.push(slot.toISOString());
      await yieldTurns(Math.floor(Math.random() * 6));
    };
    await Promise.all(
      runners.map(async (runner, i) => {
        await yieldTurns(i * 2);
        for (const now of instants) {
          await runner.run(schedule, work, now);
          await yieldTurns(Math.floor(Math.random() * 4));
        }
      }),
    );
    expect(runs).toHaveLength(new Set(runs).size); // no slot twice
    const concurrent = runs.length;
    expect(concurrent).toBeGreaterThan(0);
    for (const now of instants) await runners[0].run(schedule, work, now);
    expect(runs).toHaveLength(instants.length);
    expect(new Set(runs).size).toBe(instants.length);
    const rows = await claims.runs(schedule.name);
    expect(rows.map((r) => new Date(r.slot).toISOString())).toEqual(
      instants.map((t) => slotOf(schedule, t).toISOString()),
    );
    expect(rows.every((r) => r.status === 'DONE' && r.attempts === 1)).toBe(true);
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
    // The run started long ago (its started_at is set back 10 minutes, far past staleAfterMs), but its
    // heartbeat is recent: neither its slot nor a later one is taken by another scheduler.
    const schedule: JobSchedule = { name: 'long', everyMs: 3_600_000, staleAfterMs: 60_000 };
    const t0 = new Date('2026-03-01T10:30:00Z');
    const t1 = new Date('2026-03-01T11:30:00Z');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const working = new Promise<void>((resolve) => (started = resolve));
    const first = runners[0].run(
      schedule,
      async () => {
        started();
        await held;
      },
      t0,
    );
    await working;
    await sources[0].query(`UPDATE job_run SET started_at = now() - interval '10 minutes' WHERE job = $1`, [
      schedule.name,
    ]);
    const blocked: boolean[] = [];
    for (const runner of runners.slice(1)) {
      blocked.push((await runner.run(schedule, async () => undefined, t0)).ran);
      blocked.push((await runner.run(schedule, async () => undefined, t1)).ran);
    }
    expect(blocked).toEqual([false, false, false, false]);
    release();
    expect(await first).toMatchObject({ ran: true, status: 'DONE', claim: { outcome: 'NEW', attempt: 1 } });
    // The next slot is free once the long run is over.
    expect(await runners[1].run(schedule, async () => undefined, t1)).toMatchObject({ ran: true, status: 'DONE' });
  });

  it('beats while the work runs, so a run longer than staleAfterMs keeps its claim', async () => {
    const schedule: JobSchedule = { name: 'beating', everyMs: 3_600_000, staleAfterMs: 150 }; // a beat every 50 ms
    const now = new Date('2026-03-02T10:30:00Z');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runners[0].run(schedule, () => held, now);
    const beats = async () => {
      const rows = (await sources[1].query(
        `SELECT heartbeat_at > started_at AS beat FROM job_run WHERE job = $1 AND status = 'RUNNING'`,
        [schedule.name],
      )) as { beat: boolean }[];
      return rows[0]?.beat === true;
    };
    // Wait for the first beat (however long a loaded machine takes), not for an amount of time.
    while (!(await beats())) await yieldTurns(1);
    release();
    expect(await first).toMatchObject({ ran: true, status: 'DONE', claim: { outcome: 'NEW', attempt: 1 } });
    expect((await claims.runs(schedule.name))[0]).toMatchObject({ status: 'DONE', attempts: 1 });
  });

  it('retries a failed slot with backoff, a bounded number of times', async () => {
    // Time passes in the row, not in the test: `finished_at` is set back by the delay under test.
    const schedule: JobSchedule = { name: 'failing', everyMs: 3_600_000, maxAttempts: 3, retryBaseMs: 60_000 };
    const now = new Date();
    const fail = async () => {
      throw new Error('smtp down');
    };
    const finishedAgo = (job: string, seconds: number) =>
      sources[0].query(`UPDATE job_run SET finished_at = now() - $2::int * interval '1 second' WHERE job = $1`, [
        job,
        seconds,
      ]);
    expect(await runners[0].run(schedule, fail, now)).toMatchObject({ ran: true, status: 'FAILED' });
    expect(await runners[1].run(schedule, fail, now)).toMatchObject({ ran: false }); // backoff: 60 s
    await finishedAgo(schedule.name, 59);
    expect(await runners[1].run(schedule, fail, now)).toMatchObject({ ran: false });
    await finishedAgo(schedule.name, 61);
    expect(await runners[1].run(schedule, fail, now)).toMatchObject({
      ran: true,
      status: 'FAILED',
      claim: { outcome: 'RETRY', attempt: 2 },
    });
    await finishedAgo(schedule.name, 61); // the second delay is twice the first: 120 s
    expect(await runners[2].run(schedule, async () => 'ok', now)).toMatchObject({ ran: false });
    await finishedAgo(schedule.name, 121);
    expect(await runners[2].run(schedule, async () => 'ok', now)).toMatchObject({
      ran: true,
      status: 'DONE',
      claim: { outcome: 'RETRY', attempt: 3 },
    });
    const [row] = await claims.runs(schedule.name);
    expect(row).toMatchObject({ status: 'DONE', attempts: 3, result: 'ok', lastError: null });

    const exhausted: JobSchedule = { ...schedule, name: 'exhausted', maxAttempts: 1 };
    expect(await runners[0].run(exhausted, fail, now)).toMatchObject({ ran: true, status: 'FAILED' });
    await finishedAgo(exhausted.name, 3_600);
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
