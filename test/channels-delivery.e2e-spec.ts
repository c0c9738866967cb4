import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { insertChannel, insertMembership, insertNetwork } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { LiveGateway } from '../apps/api/src/live/live.gateway';
import { connectLive, eventually, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startSecondApp } from './support/second-app';
import { startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string; channelId: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;

async function seed(t: TestApp) {
  const networkId = (await insertNetwork(t.dataSource)).id;
  const member = (name: string, memberState: string) =>
    signedInMember(t, { name, networkId, role: 'FOCAL_POINT', memberState });
  const channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'delivery' })).id;
  return { networkId, channelId, alice: await member('Alice', 'AR'), bob: await member('Bob', 'BR') };
}

describe('live channels: delivery after a drop', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seed>>;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    s = await seed(t);
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  async function live(url: string, token: string): Promise<LiveClient> {
    const client = await connectLive(url, token);
    clients.push(client);
    return client;
  }

  it('recovers the connection state: a client that drops gets what it missed, in order', async () => {
    const a = await live(t.url, s.alice.token);
    const b = await live(t.url, s.bob.token);
    await a.ack('channel:join', { channelId: s.channelId });
    await b.ack('channel:join', { channelId: s.channelId });
    const first = b.next<Message>('message:new', (m) => m.clientId === 'r-0');
    await a.ack('message:send', { channelId: s.channelId, clientId: 'r-0', body: 'before the drop' });
    await first;

    const dropped = new Promise<string>((resolve) => b.socket.once('disconnect', resolve));
    b.socket.io.engine.close(); // the transport dies; the client keeps its session id and offset
    expect(await dropped).toBe('forced close');
    const sent: Message[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const ack = await a.ack<Ack<{ message: Message }>>('message:send', {
        channelId: s.channelId,
        clientId: `r-${i}`,
        body: `missed ${i}`,
      });
      sent.push(ack.message);
    }
    const missed = [1, 2, 3].map((i) => b.next<Message>('message:new', (m) => m.clientId === `r-${i}`));
    const reconnected = new Promise<void>((resolve) => b.socket.once('connect', () => resolve()));
    b.socket.connect();
    await reconnected;
    expect(b.socket.recovered).toBe(true);
    expect(await Promise.all(missed)).toEqual(sent);
    // Still in the room after recovery, without joining again.
    const live1 = b.next<Message>('message:new', (m) => m.clientId === 'r-4');
    await a.ack('message:send', { channelId: s.channelId, clientId: 'r-4', body: 'after' });
    await live1;
    const order = b.received.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).clientId);
    expect(order).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4']);
  });

  it('catches up with a since cursor when the state cannot be recovered', async () => {
    const a = await live(t.url, s.alice.token);
    const seen = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: s.channelId,
      clientId: 's-0',
      body: 'seen',
    });
    const later: Message[] = [];
    for (let i = 1; i <= 3; i += 1) {
      later.push(
        (
          await a.ack<Ack<{ message: Message }>>('message:send', {
            channelId: s.channelId,
            clientId: `s-${i}`,
            body: `later ${i}`,
          })
        ).message,
      );
    }
    const fresh = await live(t.url, s.bob.token); // a brand-new connection: nothing to recover
    const joined = await fresh.ack<Ack<{ missed: Message[]; hasMoreMissed: boolean }>>('channel:join', {
      channelId: s.channelId,
      since: seen.message.id,
    });
    expect(joined.missed).toEqual(later);
    expect(joined.hasMoreMissed).toBe(false);
  });
});

describe('live channels: two processes sharing Redis', () => {
  const prefix = `enlace-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let second: Awaited<ReturnType<typeof startSecondApp>>;
  let s: Awaited<ReturnType<typeof seed>>;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix });
    second = await startSecondApp(t);
    s = await seed(t);
    // Both processes read the shared stream once each has heard the other's heartbeat.
    await eventually(async () => (await t.app.get(LiveGateway).peers()) === 2);
    await eventually(async () => (await second.app.get(LiveGateway).peers()) === 2);
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await second?.close();
    await t?.close();
    const redis = createClient({ url: 'redis://127.0.0.1:6379' });
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('tells a joiner who is online on either process, and relays typing across without echo', async () => {
    const a = await connectLive(t.url, s.alice.token);
    const b = await connectLive(second.url, s.bob.token);
    clients.push(a, b);
    expect(await a.ack<Ack<{ online: string[] }>>('channel:join', { channelId: s.channelId })).toMatchObject({
      online: [s.alice.personId],
    });
    const joined = await b.ack<Ack<{ online: string[] }>>('channel:join', { channelId: s.channelId });
    expect([...joined.online].sort()).toEqual([s.alice.personId, s.bob.personId].sort());

    const typing = a.next<{ personId: string }>('typing');
    await b.ack('typing', { channelId: s.channelId });
    expect(await typing).toEqual({ channelId: s.channelId, personId: s.bob.personId });
    await b.ack('channel:join', { channelId: s.channelId });
    expect(b.received.filter((e) => e.event === 'typing')).toEqual([]);
    a.close();
    b.close();
  });

  it('delivers a message sent on one process to a client on the other, and sign-out reaches both', async () => {
    const a = await connectLive(t.url, s.alice.token);
    const b = await connectLive(second.url, s.bob.token);
    clients.push(a, b);
    await a.ack('channel:join', { channelId: s.channelId });
    await b.ack('channel:join', { channelId: s.channelId });

    const onSecond = b.next<Message>('message:new', (m) => m.clientId === 'p-1');
    const sent = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: s.channelId,
      clientId: 'p-1',
      body: 'across processes',
    });
    expect(await onSecond).toEqual(sent.message);

    const onFirst = a.next<Message>('message:new', (m) => m.clientId === 'p-2');
    const back = await b.ack<Ack<{ message: Message }>>('message:send', {
      channelId: s.channelId,
      clientId: 'p-2',
      body: 'and back',
    });
    expect(await onFirst).toEqual(back.message);

    // Bob signs out through the first process: his socket on the second closes.
    const closed = new Promise<string>((resolve) => b.socket.once('disconnect', resolve));
    const out = await t.gql({ query: 'mutation { signOut }' }, { token: s.bob.token });
    expect(out.body.data).toEqual({ signOut: true });
    expect(await closed).toBe('io server disconnect');
  });

  it('takes a membership ended on one process off the sockets on the other, channel by channel', async () => {
    const secretariat = await signedInMember(t, { name: 'Sara', networkId: s.networkId, role: 'SECRETARIAT' });
    const otherId = (await insertNetwork(t.dataSource)).id;
    const otherSecretariat = await signedInMember(t, { name: 'Olga', networkId: otherId, role: 'SECRETARIAT' });
    const carla = await signedInMember(t, { name: 'Carla', networkId: s.networkId, role: 'CIVIL_SOCIETY' });
    await insertMembership(t.dataSource, { personId: carla.personId, networkId: otherId, role: 'CIVIL_SOCIETY' });
    const kept = (await insertChannel(t.dataSource, { networkId: otherId, kind: 'NETWORK', name: 'kept' })).id;
    const c = await connectLive(second.url, carla.token); // on the second process
    const a = await connectLive(t.url, s.alice.token);
    const o = await connectLive(t.url, otherSecretariat.token);
    clients.push(c, a, o);
    await c.ack('channel:join', { channelId: s.channelId });
    await c.ack('channel:join', { channelId: kept });
    await a.ack('channel:join', { channelId: s.channelId });

    const removed = c.next<{ channelId: string }>('channel:removed');
    const ended = await t.gql(channelOps.endMembership(carla.membershipId), { token: secretariat.token });
    expect(ended.body.errors).toBeUndefined();
    expect(await removed).toEqual({ channelId: s.channelId });

    // The lost channel's messages stop; the other network's still arrive, on the same connection.
    const seenByAlice = a.next<Message>('message:new', (m) => m.clientId === 'x-lost');
    await a.ack('message:send', { channelId: s.channelId, clientId: 'x-lost', body: 'not for Carla' });
    await seenByAlice;
    const arrives = c.next<Message>('message:new', (m) => m.clientId === 'x-kept');
    await o.ack('message:send', { channelId: kept, clientId: 'x-kept', body: 'for Carla' });
    await arrives;
    expect(c.socket.connected).toBe(true);
    expect(c.received.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).clientId)).toEqual([
      'x-kept',
    ]);
    expect(c.received.filter((e) => e.event === 'channel:removed')).toHaveLength(1);
  });
});
