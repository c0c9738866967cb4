import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { insertChannel, insertNetwork } from '@enlace/testing';
import { LiveGateway } from '../apps/api/src/live/live.gateway';
import { LIVE_EVENT_BURST, LIVE_EVENTS_PER_SECOND } from '../apps/api/src/live/live-rate-limit';
import { connectLive, eventually, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startSecondApp } from './support/second-app';
import { startTestApp, TestApp } from './support/test-app';

type Answer = { ok: true } | { ok: false; error: { code: string } };

/** What a flood got: events answered, and of those refused as RATE_LIMITED. */
interface Flood {
  accepted: number;
  limited: number;
}

/**
 * Sends `events` typing events one after another on a fresh connection (ending early if the server
 * closes it for abuse), counting what was accepted and what was refused as RATE_LIMITED.
 */
async function flood(url: string, token: string, channelId: string, events: number, into: Flood): Promise<void> {
  const client: LiveClient = await connectLive(url, token);
  try {
    for (let i = 0; i < events && client.socket.connected; i += 1) {
      const answer = await client.ack<Answer>('typing', { channelId }).catch(() => null);
      if (answer?.ok) into.accepted += 1;
      else if (answer && answer.error.code === 'RATE_LIMITED') into.limited += 1;
    }
  } finally {
    client.close();
  }
}

/**
 * The most one person's budget allows over `seconds` (a full burst, then the sustained rate): what a
 * flood may get accepted however it spreads over connections and processes. The bound counts every
 * millisecond the flood took, so a slow machine only loosens it.
 */
function budgetOver(seconds: number): number {
  return LIVE_EVENT_BURST + Math.ceil(LIVE_EVENTS_PER_SECOND * seconds) + 1;
}

/** Issue 9, item 9: the socket event budget is one person's, whatever connection or process they use. */
describe('live event budget: one per person', () => {
  describe('on one process', () => {
    let t: TestApp;
    let channelId: string;
    let networkId: string;

    beforeAll(async () => {
      t = await startTestApp();
      networkId = (await insertNetwork(t.dataSource)).id;
      channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'budget' })).id;
    });
    afterAll(async () => {
      await t.close();
    });

    it('is not refilled by reconnecting', async () => {
      const flooder = await signedInMember(t, { name: 'Flooder', networkId, role: 'CIVIL_SOCIETY' });
      const got: Flood = { accepted: 0, limited: 0 };
      const started = Date.now();
      for (let round = 0; round < 4; round += 1) await flood(t.url, flooder.token, channelId, LIVE_EVENT_BURST, got);
      const seconds = (Date.now() - started) / 1000;
      expect(got.limited).toBeGreaterThan(0);
      expect(got.accepted).toBeLessThanOrEqual(budgetOver(seconds));
    });
  });

  describe('on two processes sharing Redis', () => {
    const prefix = `enlace-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    let t: TestApp;
    let second: Awaited<ReturnType<typeof startSecondApp>>;
    let channelId: string;
    let networkId: string;

    beforeAll(async () => {
      t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix });
      second = await startSecondApp(t);
      networkId = (await insertNetwork(t.dataSource)).id;
      channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'budget' })).id;
      await eventually(async () => (await t.app.get(LiveGateway).peers()) === 2);
    });
    afterAll(async () => {
      await second?.close();
      await t?.close();
      const redis = createClient({ url: 'redis://127.0.0.1:6379' });
      await redis.connect();
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      await redis.quit();
    });

    it('is shared by every process the person connects to', async () => {
      const flooder = await signedInMember(t, { name: 'Flooder', networkId, role: 'CIVIL_SOCIETY' });
      const got: Flood = { accepted: 0, limited: 0 };
      const started = Date.now();
      await Promise.all([
        flood(t.url, flooder.token, channelId, LIVE_EVENT_BURST, got),
        flood(second.url, flooder.token, channelId, LIVE_EVENT_BURST, got),
      ]);
      for (const url of [t.url, second.url]) await flood(url, flooder.token, channelId, LIVE_EVENT_BURST, got);
      const seconds = (Date.now() - started) / 1000;
      expect(got.limited).toBeGreaterThan(0);
      expect(got.accepted).toBeLessThanOrEqual(budgetOver(seconds));
    });
  });
});
