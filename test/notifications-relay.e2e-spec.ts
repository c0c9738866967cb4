import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TransactionRunner } from '@enlace/core';
import { VacancyAlertService } from '@enlace/directory';
import { NotificationService } from '@enlace/notifications';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { RedisServer, startRedisServer } from './support/redis-server';
import { startSecondApp } from './support/second-app';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

interface Pushed {
  id: string;
  kind: string;
}

/**
 * Issue 14, item 2: with REDIS_URL, a notification committed in the worker (which holds no sockets)
 * reaches its recipient's sockets on every api process, once each.
 */
describe('notifications committed in the worker are pushed live', () => {
  let redis: RedisServer;
  let t: TestApp;
  let second: Awaited<ReturnType<typeof startSecondApp>>;
  let worker: INestApplicationContext;
  const clients: LiveClient[] = [];

  const live = async (url: string, token: string) => {
    const client = await connectLive(url, token);
    clients.push(client);
    return client;
  };
  const pushes = (client: LiveClient) =>
    client.received.filter((r) => r.event === 'notification:new').map((r) => r.payload as Pushed);

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({ REDIS_URL: redis.url });
    second = await startSecondApp(t);
    // The worker process as `npm run start:worker` builds it (its own LiveBus, no sockets), beside both apis.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config), { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await worker?.close();
    await second?.close();
    await t?.close();
    await redis?.stop();
  });

  it('reaches the recipients’ sockets on both api processes, once each', async () => {
    const networkId = (await insertNetwork(t.dataSource)).id;
    await insertMemberState(t.dataSource, { networkId, countryCode: 'PY' });
    const sam = await signedInMember(t, { name: 'Sam', networkId, role: 'SECRETARIAT' });
    const amina = await signedInMember(t, { name: 'Amina', networkId, role: 'SECRETARIAT' });
    const samHere = await live(t.url, sam.token);
    const samThere = await live(second.url, sam.token);
    const aminaThere = await live(second.url, amina.token);
    const arrivals = [samHere, samThere, aminaThere].map((c) => c.next<Pushed>('notification:new'));

    const outcome = await worker.get(VacancyAlertService).alertSecretariats(new Date());
    expect(outcome).toEqual({ networks: 1, notified: 2 });
    const [toSamHere, toSamThere, toAmina] = await Promise.all(arrivals);
    expect(toSamHere.kind).toBe('vacancyAlert');
    expect(toSamThere.id).toBe(toSamHere.id);
    expect(toAmina.kind).toBe('vacancyAlert');
    expect(toAmina.id).not.toBe(toSamHere.id);

    // A second notification from the worker comes after the first on every socket: had the first
    // reached a socket twice, the duplicate would be there before this one.
    const next = [samHere, samThere].map((c) => c.next<Pushed>('notification:new', (p) => p.id !== toSamHere.id));
    const secondId = await worker.get(TransactionRunner).run((tx) =>
      worker.get(NotificationService).notify(tx, {
        personId: sam.personId,
        kind: 'membershipEnded',
        subject: { type: 'membership', id: 'm-1' },
        networkId,
        params: { role: 'OBSERVER', endsOn: '2027-01-01' },
      }),
    );
    await Promise.all(next);
    expect(pushes(samHere).map((p) => p.id)).toEqual([toSamHere.id, secondId]);
    expect(pushes(samThere).map((p) => p.id)).toEqual([toSamHere.id, secondId]);
    expect(pushes(aminaThere).map((p) => p.id)).toEqual([toAmina.id]);
  });
});
