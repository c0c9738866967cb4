import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@enlace/core';
import { CREDENTIALS_PURGE, DAILY_DIGEST, JobScheduler } from '@enlace/jobs';
import { createTestDatabase, insertAccount, TestDatabase } from '@enlace/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';

/**
 * Three worker processes' worth of the real worker module (three Nest application contexts, each
 * with its own connection pool and scheduler) on one database: every scheduled slot runs once.
 */
describe('the worker scheduler, three at once', () => {
  let db: TestDatabase;
  let workers: INestApplicationContext[];
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url });
    workers = await Promise.all(
      [1, 2, 3].map(async () => {
        const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
        await app.init();
        return app;
      }),
    );
    ds = workers[0].get(DataSource);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await db.drop();
  });

  it('purges expired credentials once per hour however many workers tick', async () => {
    const person = await insertAccount(ds);
    await ds.query(
      `INSERT INTO session (account_id, token_hash, expires_at) VALUES ($1, '\\x01', now() - interval '40 days')`,
      [person.accountId],
    );
    // Every worker ticks, twice, at the same time.
    await Promise.all(
      workers.flatMap((w) => [
        w.get(JobScheduler).tick(CREDENTIALS_PURGE),
        w.get(JobScheduler).tick(CREDENTIALS_PURGE),
      ]),
    );
    const runs = (await ds.query(`SELECT status, attempts, result FROM job_run WHERE job = $1`, [
      CREDENTIALS_PURGE.name,
    ])) as { status: string; attempts: number; result: { sessions: number } }[];
    expect(runs).toEqual([{ status: 'DONE', attempts: 1, result: expect.objectContaining({ sessions: 1 }) }]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM session`)).toEqual([{ n: 0 }]);
  });

  it('writes the daily digests once per day however many workers tick', async () => {
    const person = await insertAccount(ds, { preferredLanguage: 'pt' });
    await ds.query(
      `INSERT INTO notification (person_id, kind, subject_type, subject_id, params, delivery)
       VALUES ($1, 'membershipEnded', 'membership', 'm-1', '{"networkName": "Rede", "role": "OBSERVER", "endsOn": "2026-12-01"}', 'DIGEST')`,
      [person.personId],
    );
    await Promise.all(workers.map((w) => w.get(JobScheduler).tick(DAILY_DIGEST)));
    expect(await ds.query(`SELECT status FROM job_run WHERE job = $1`, [DAILY_DIGEST.name])).toEqual([
      { status: 'DONE' },
    ]);
    const digests = (await ds.query(
      `SELECT recipient::text AS recipient, language, template FROM email_outbox WHERE template = 'digest'`,
    )) as { recipient: string; language: string }[];
    expect(digests).toEqual([{ recipient: person.email, language: 'pt', template: 'digest' }]);
  });
});
