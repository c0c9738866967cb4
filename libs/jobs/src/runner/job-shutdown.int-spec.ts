import { createEngineDatabase, EngineDatabase, testContext, TestContext } from '@enlace/testing';
import { JobClaimRepository } from './job-claim.repository';
import { JobSchedule } from './job-schedule';
import { ScheduledJobRunner } from './scheduled-job.runner';

/** A promise the test resolves when it chooses. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A scheduler process shutting down (the worker on SIGTERM, or the embedded api): it claims no new
 * slot, and the run in hand finishes — told to stop only once SHUTDOWN_GRACE_MS has passed.
 */
describe('scheduled jobs on shutdown', () => {
  let db: EngineDatabase;
  let observer: TestContext; // another process on the same database, still running
  let claims: JobClaimRepository;

  beforeAll(async () => {
    db = await createEngineDatabase('PostgreSQL');
    observer = await testContext({ database: db, providers: [JobClaimRepository] });
    claims = observer.get(JobClaimRepository);
  });
  afterAll(async () => {
    await observer.close();
    await db.drop();
  });

  const processOn = (graceMs: number) =>
    testContext({
      database: db,
      providers: [JobClaimRepository, ScheduledJobRunner],
      env: { SHUTDOWN_GRACE_MS: String(graceMs) },
    });

  it('finishes the run in hand (DONE, never aborted) and claims nothing once shutdown began', async () => {
    const proc = await processOn(60_000);
    const runner = proc.get(ScheduledJobRunner);
    const inHand: JobSchedule = { name: 'shutdown-in-hand', everyMs: 60_000 };
    const later: JobSchedule = { name: 'shutdown-later', everyMs: 60_000 };
    const release = gate();
    let started = false;
    let aborted = false;
    const run = runner.run(inHand, async (signal) => {
      started = true;
      await release.opened;
      aborted = signal.aborted;
      return { done: 1 };
    });
    await until(() => started, 'the run to start');

    let closed = false;
    const closing = proc.close().then(() => (closed = true));
    await until(() => runner.stopping, 'the shutdown to reach the runner');
    let ranLater = false;
    expect(
      await runner.run(later, async () => {
        ranLater = true;
      }),
    ).toMatchObject({ ran: false });
    expect(ranLater).toBe(false);
    expect(await claims.runs(later.name)).toEqual([]);
    expect(closed).toBe(false); // waiting for the run in hand

    release.open();
    expect(await run).toMatchObject({ ran: true, status: 'DONE' });
    await closing;
    expect(aborted).toBe(false);
    expect(await claims.runs(inHand.name)).toEqual([
      expect.objectContaining({ status: 'DONE', attempts: 1, result: { done: 1 } }),
    ]);
  });

  it('tells a run still going when the grace period is over to stop, and still closes', async () => {
    const proc = await processOn(200);
    const runner = proc.get(ScheduledJobRunner);
    const schedule: JobSchedule = { name: 'shutdown-lingering', everyMs: 60_000 };
    let started = false;
    const run = runner.run(schedule, async (signal) => {
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      signal.throwIfAborted();
    });
    await until(() => started, 'the run to start');

    await proc.close();
    expect(await run).toMatchObject({ ran: true, status: 'FAILED' });
    expect(await claims.runs(schedule.name)).toEqual([
      expect.objectContaining({ status: 'FAILED', lastError: 'shutting down' }),
    ]);
  });
});
