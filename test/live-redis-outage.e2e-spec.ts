import { createClient } from 'redis';
import request from 'supertest';
import { createDataSource, destroyDataSource } from '@enlace/core';
import { createTestDatabase, insertChannel, insertNetwork, TestDatabase } from '@enlace/testing';
import { LiveGateway } from '../apps/api/src/live/live.gateway';
import { ensureBuilt, startBuiltServer } from './support/built-server';
import { connectLive, disconnected, EVENT_TIMEOUT_MS, eventually, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { RedisServer, startRedisServer } from './support/redis-server';
import { startSecondApp } from './support/second-app';
import { startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string; channelId: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;
type ErrorAck = { ok: false; error: { code: string; message: string } };
type Joined = Ack<{ missed: Message[]; hasMoreMissed: boolean }>;

/** Long enough for a Redis client's reconnection backoff (at most 2 s) and a blocked stream read. */
const REDIS_RETURN_MS = 15_000;

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(url).get('/health');
  return { status: res.status, body: res.body as Record<string, unknown> };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The client's transport dies (it keeps its session id and offset, as after a network blip). */
async function drop(client: LiveClient): Promise<void> {
  const dropped = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
  client.socket.io.engine.close();
  expect(await within(dropped, EVENT_TIMEOUT_MS, 'disconnect')).toBe('forced close');
}

/** The dropped client connects again (recovering its state if the server can). */
async function reconnect(client: LiveClient): Promise<void> {
  const reconnected = new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
  client.socket.connect();
  await within(reconnected, EVENT_TIMEOUT_MS, 'reconnection');
}

/**
 * Issue 9, item 10: with REDIS_URL, a Redis outage degrades live delivery across processes and
 * nothing else. Two api instances (and later a third) share a redis-server of the test's own,
 * which the test kills and starts again.
 */
describe('live channels: a Redis outage degrades, never kills', () => {
  let redis: RedisServer;
  let t: TestApp;
  let second: Awaited<ReturnType<typeof startSecondApp>>;
  let third: Awaited<ReturnType<typeof startSecondApp>> | undefined;
  let channelId: string;
  let networkId: string;
  const clients: LiveClient[] = [];

  const member = (name: string) => signedInMember(t, { name, networkId, role: 'CIVIL_SOCIETY' });

  async function live(url: string, token: string): Promise<LiveClient> {
    const client = await connectLive(url, token);
    clients.push(client);
    return client;
  }

  async function joined(url: string, token: string): Promise<LiveClient> {
    const client = await live(url, token);
    expect(await client.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    return client;
  }

  async function send(client: LiveClient, clientId: string): Promise<Message> {
    const ack = await client.ack<Ack<{ message: Message }> | ErrorAck>('message:send', {
      channelId,
      clientId,
      body: `message ${clientId}`,
    });
    if (!ack.ok) throw new Error(`message:send refused: ${ack.error.code}`);
    return ack.message;
  }

  /** How many sockets' states Redis holds for connection-state recovery. */
  async function savedStates(): Promise<number> {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      let count = 0;
      for await (const batch of client.scanIterator({ MATCH: `${t.config.redisKeyPrefix}:live:session:*` })) {
        count += batch.length;
      }
      return count;
    } finally {
      client.destroy();
    }
  }

  const redisIs = (url: string, state: string) => eventually(async () => (await health(url)).body.redis === state);

  async function redisDown(): Promise<void> {
    await redis.kill();
    await redisIs(t.url, 'degraded');
    await redisIs(second.url, 'degraded');
  }

  async function redisBack(): Promise<void> {
    await redis.start();
    for (const url of [t.url, second.url, ...(third ? [third.url] : [])]) {
      await eventually(async () => (await health(url)).body.redis === 'ok', REDIS_RETURN_MS);
    }
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestApp({ REDIS_URL: redis.url });
    second = await startSecondApp(t);
    networkId = (await insertNetwork(t.dataSource)).id;
    channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'outage' })).id;
    await eventually(async () => (await t.app.get(LiveGateway).peers()) === 2);
    await eventually(async () => (await second.app.get(LiveGateway).peers()) === 2);
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await third?.close();
    await second?.close();
    await t?.close();
    await redis?.stop();
  });

  it('keeps GraphQL, /health and same-process sockets working, then delivers across processes again', async () => {
    const [alice, bob, carol] = [await member('Alice'), await member('Bob'), await member('Carol')];
    const a = await joined(t.url, alice.token);
    const c = await joined(t.url, carol.token);
    const b = await joined(second.url, bob.token);
    const first = b.next<Message>('message:new', (m) => m.clientId === 'o-0');
    const seen = await send(a, 'o-0');
    expect(await first).toEqual(seen);
    expect(await health(t.url)).toEqual({ status: 200, body: { status: 'ok', redis: 'ok' } });

    await redisDown();
    for (const url of [t.url, second.url]) {
      expect(await health(url)).toEqual({ status: 200, body: { status: 'ok', redis: 'degraded' } });
      expect((await request(url).post('/graphql').send({ query: '{ ping }' })).body).toEqual({ data: { ping: true } });
    }
    const me = await t.gql<{ me: { name: string } }>({ query: '{ me { name } }' }, { token: bob.token });
    expect(me.body.data).toEqual({ me: { name: 'Bob' } });
    // A client that drops meanwhile reconnects (its state could not be saved: it starts afresh).
    await drop(c);
    await reconnect(c);
    expect(c.socket.recovered).toBe(false);
    expect(await c.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    // Sockets on the same process still talk to each other.
    const onCarol = c.next<Message>('message:new', (m) => m.clientId === 'o-1');
    const during = await send(a, 'o-1');
    expect(await onCarol).toEqual(during);

    await redisBack();
    const onBob = b.next<Message>('message:new', (m) => m.clientId === 'o-2', REDIS_RETURN_MS);
    const after = await send(a, 'o-2');
    expect(await onBob).toEqual(after);
    // What Bob's process could not relay during the outage was stored: the since cursor has it.
    expect(b.received.some((e) => (e.payload as Message).clientId === 'o-1')).toBe(false);
    const caughtUp = await b.ack<Joined>('channel:join', { channelId, since: seen.id });
    expect(caughtUp.missed.map((m) => m.clientId)).toEqual(['o-1', 'o-2']);
  });

  it('closes, once Redis is back, the sockets of a session signed out on another process during the outage', async () => {
    const erin = await member('Erin');
    const e = await joined(second.url, erin.token);
    await redisDown();
    const out = await t.gql({ query: 'mutation { signOut }' }, { token: erin.token });
    expect(out.body.data).toEqual({ signOut: true });
    const closed = disconnected(e, REDIS_RETURN_MS);
    await redisBack();
    expect(await closed).toBe('io server disconnect');
  });

  it('does not recover a connection state across an outage: the client is told to catch up with since', async () => {
    const [alice, bob] = [await member('Alice'), await member('Bob')];
    const a = await joined(t.url, alice.token);
    const b = await joined(second.url, bob.token);
    const first = b.next<Message>('message:new', (m) => m.clientId === 'r-0');
    const seen = await send(a, 'r-0');
    await first;
    await drop(b); // its state is kept in Redis for it to recover
    await eventually(async () => (await savedStates()) > 0); // the server saw the drop and saved the state

    await redisDown();
    const missed = await send(a, 'r-1'); // stored, never in the shared stream
    await redisBack();

    await reconnect(b);
    expect(b.socket.recovered).toBe(false);
    const caughtUp = await b.ack<Joined>('channel:join', { channelId, since: seen.id });
    expect(caughtUp.missed).toEqual([missed]);
  });

  it('starts an api while Redis is down; it serves, and joins the others when Redis comes up', async () => {
    const [alice, dave, frank] = [await member('Alice'), await member('Dave'), await member('Frank')];
    const a = await joined(t.url, alice.token);
    await redisDown();
    third = await within(startSecondApp(t), 20_000, 'an api started while Redis is down');
    expect(await health(third.url)).toEqual({ status: 200, body: { status: 'ok', redis: 'degraded' } });
    expect((await request(third.url).post('/graphql').send({ query: '{ ping }' })).body).toEqual({
      data: { ping: true },
    });
    const d = await joined(third.url, dave.token);
    const f = await joined(third.url, frank.token);
    // Its own sockets talk to each other at once.
    const onFrank = f.next<Message>('message:new', (m) => m.clientId === 's-0');
    const local = await send(d, 's-0');
    expect(await onFrank).toEqual(local);

    await redisBack();
    // Redis answering is not yet the adapter reading its stream again: wait until each side has
    // heard the other's heartbeat through Redis (the third api was never seen before the outage).
    for (const app of [t.app, third.app]) {
      await eventually(async () => (await app.get(LiveGateway).peers()) === 3, REDIS_RETURN_MS);
    }
    const onDave = d.next<Message>('message:new', (m) => m.clientId === 's-1', REDIS_RETURN_MS);
    const across = await send(a, 's-1');
    expect(await onDave).toEqual(across);
    const onAlice = a.next<Message>('message:new', (m) => m.clientId === 's-2', REDIS_RETURN_MS);
    const back = await send(d, 's-2');
    expect(await onAlice).toEqual(back);
  });
});

/**
 * The same outage against the built server as a process (what `npm start` runs), where an unhandled
 * 'error' event or rejection would end it: it starts while Redis is down, connects when Redis comes
 * up, and lives through Redis dying while its sockets drop, reconnect and send.
 */
describe('the built api process: a Redis outage', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let token: string;
  let channelId: string;

  beforeAll(async () => {
    ensureBuilt();
    redis = await startRedisServer();
    db = await createTestDatabase();
    const ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: [] });
    try {
      const networkId = (await insertNetwork(ds)).id;
      channelId = (await insertChannel(ds, { networkId, kind: 'NETWORK', name: 'process' })).id;
      token = (await signedInMember({ dataSource: ds }, { name: 'Paz', networkId, role: 'CIVIL_SOCIETY' })).token;
    } finally {
      await destroyDataSource(ds);
    }
  }, 240_000);

  afterAll(async () => {
    await redis?.stop();
    await db?.drop();
  });

  it('starts while Redis is down, connects when it comes up, and outlives it; SIGTERM still exits 0', async () => {
    await redis.kill();
    const server = await startBuiltServer({ DATABASE_URL: db.url, REDIS_URL: redis.url });
    const clients: LiveClient[] = [];
    let failure: unknown;
    try {
      expect(await health(server.url)).toEqual({ status: 200, body: { status: 'ok', redis: 'degraded' } });
      await redis.start();
      await eventually(async () => (await health(server.url)).body.redis === 'ok', REDIS_RETURN_MS);

      const client = await connectLive(server.url, token);
      clients.push(client);
      expect(await client.ack('channel:join', { channelId })).toMatchObject({ ok: true });
      await redis.kill();
      await eventually(async () => (await health(server.url)).body.redis === 'degraded');
      // A drop saves the socket's state (to Redis, which is gone), a send publishes (to Redis, gone).
      await drop(client);
      await reconnect(client);
      expect(await client.ack('channel:join', { channelId })).toMatchObject({ ok: true });
      const echo = client.next<Message>('message:new', (m) => m.clientId === 'p-1');
      const ack = await client.ack<Ack<{ message: Message }>>('message:send', {
        channelId,
        clientId: 'p-1',
        body: 'hi',
      });
      expect(await echo).toEqual(ack.message);
      expect(await health(server.url)).toEqual({ status: 200, body: { status: 'ok', redis: 'degraded' } });
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).toContain('Redis unreachable');
    } catch (error) {
      failure = error;
    }
    for (const c of clients) c.close();
    const exit = await server.stop();
    if (failure)
      throw new Error(`${String(failure)}\nexit: ${JSON.stringify(exit)}\nserver output:\n${server.output()}`);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});
