import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelAudienceService } from '@enlace/channels';
import { anonymousActor, loadConfig } from '@enlace/core';
import { CREDENTIALS_PURGE, DAILY_DIGEST, JobScheduler, ROLE_INVITATIONS } from '@enlace/jobs';
import { createTestDatabase, insertAccount, insertMembership, insertNetwork, TestDatabase } from '@enlace/testing';
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

  it('changes a meeting channel with the invitations its jobs change (the worker wires the seam)', async () => {
    const network = (await insertNetwork(ds)).id;
    const observer = (await insertAccount(ds)).personId;
    // An observer whose term was dated for today when it was written: the role-invitations job brings them in.
    await insertMembership(ds, { personId: observer, networkId: network, role: 'OBSERVER' });
    const [{ id: meetingId }] = (await ds.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       VALUES ($1, 'PLENARY', '{"en": {"text": "Plenary", "status": "ORIGINAL"}}', now() + interval '10 days',
               now() + interval '11 days', 'UTC', 'NETWORK', 'SCHEDULED') RETURNING id`,
      [network],
    )) as { id: string }[];
    // Invited by the network's secretariat, who may see its observers (the job adds only those).
    const secretariat = (await insertAccount(ds)).personId;
    await insertMembership(ds, { personId: secretariat, networkId: network, role: 'SECRETARIAT' });
    await ds.query(
      `INSERT INTO meeting_role_invitation (meeting_id, network_id, role, invited_by) VALUES ($1, $2, 'OBSERVER', $3)`,
      [meetingId, network, secretariat],
    );
    const channelId = await ds.transaction((tx) =>
      workers[0]
        .get(ChannelAudienceService)
        .open(tx, anonymousActor('en'), { networkId: network, name: 'Plenary', partnerNetworkIds: [], memberIds: [] }),
    );
    await ds.query(`UPDATE meeting SET channel_id = $2 WHERE id = $1`, [meetingId, channelId]);
    const [{ noon }] = (await ds.query(
      `SELECT CAST(CAST(current_date AS timestamp) + interval '12 hours' AS timestamptz) AS noon`,
    )) as { noon: Date }[];

    const runs = await Promise.all(workers.map((w) => w.get(JobScheduler).runSlot(ROLE_INVITATIONS, noon)));
    expect(runs.filter((r) => r.ran)).toEqual([expect.objectContaining({ status: 'DONE' })]);
    expect(await ds.query(`SELECT person_id FROM channel_member WHERE channel_id = $1`, [channelId])).toEqual([
      { person_id: observer },
    ]);
  });
});
