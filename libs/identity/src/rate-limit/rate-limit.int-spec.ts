import { DataSource } from 'typeorm';
import { createEngineDatabase, EngineDatabase, testContext, TestContext } from '@enlace/testing';
import { IdentityModule } from '../identity.module';
import { RateLimitRepository } from './rate-limit.repository';

describe('RateLimitRepository', () => {
  let db: EngineDatabase;
  let processes: TestContext[];
  let sources: DataSource[];
  let repos: RateLimitRepository[];

  beforeAll(async () => {
    db = await createEngineDatabase('PostgreSQL');
    // Three contexts, each with its own pool, stand for three server processes sharing the table.
    processes = await Promise.all([1, 2, 3].map(() => testContext({ imports: [IdentityModule], database: db })));
    sources = processes.map((p) => p.dataSource);
    repos = processes.map((p) => p.get(RateLimitRepository));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.close()));
    await db.drop();
  });

  it('counts every hit exactly once under concurrency, across processes', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => repos[i % 3].hit('test:concurrent', 900)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const r of results) {
      expect(r.retryAfterSeconds).toBeGreaterThan(890);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(900);
    }
  });

  it('keeps buckets apart', async () => {
    await repos[0].hit('test:a', 60);
    await repos[0].hit('test:a', 60);
    expect((await repos[1].hit('test:b', 60)).hits).toBe(1);
    expect((await repos[1].hit('test:a', 60)).hits).toBe(3);
  });

  it('starts a new window once the old one has ended, and tells how long is left', async () => {
    await repos[0].hit('test:window', 600);
    await sources[0].query(
      `UPDATE rate_limit SET window_start = now() - interval '400 seconds' WHERE bucket = 'test:window'`,
    );
    const inside = await repos[0].hit('test:window', 600);
    expect(inside.hits).toBe(2);
    expect(inside.retryAfterSeconds).toBeGreaterThanOrEqual(199);
    expect(inside.retryAfterSeconds).toBeLessThanOrEqual(200);

    await sources[0].query(
      `UPDATE rate_limit SET window_start = now() - interval '601 seconds' WHERE bucket = 'test:window'`,
    );
    const fresh = await repos[0].hit('test:window', 600);
    expect(fresh).toMatchObject({ hits: 1, retryAfterSeconds: 600 });
  });

  it('gives back one hit of the window it was taken from, never of a later one', async () => {
    const first = await repos[0].hit('test:refund', 600);
    await repos[1].hit('test:refund', 600);
    await repos[2].refund('test:refund', first.windowStart);
    expect((await repos[0].hit('test:refund', 600)).hits).toBe(2);
    await sources[0].query(
      `UPDATE rate_limit SET window_start = now() - interval '601 seconds' WHERE bucket = 'test:refund'`,
    );
    const next = await repos[0].hit('test:refund', 600);
    expect(next.hits).toBe(1);
    await repos[1].refund('test:refund', first.windowStart);
    expect((await repos[0].hit('test:refund', 600)).hits).toBe(2);
  });

  it('deletes counters whose windows are long over', async () => {
    await repos[0].hit('test:stale', 60);
    await sources[0].query(
      `UPDATE rate_limit SET window_start = now() - interval '2 hours' WHERE bucket = 'test:stale'`,
    );
    expect(await repos[0].deleteStale(3600)).toBe(1);
    expect(await sources[0].query(`SELECT 1 FROM rate_limit WHERE bucket = 'test:stale'`)).toEqual([]);
    expect(await sources[0].query(`SELECT 1 FROM rate_limit WHERE bucket = 'test:a'`)).toHaveLength(1);
  });
});
