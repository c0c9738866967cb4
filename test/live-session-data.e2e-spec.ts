import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { insertAccount, insertChannel, insertMembership, insertNetwork, insertSession } from '@enlace/testing';
import { connectLive, disconnected, eventually, LiveClient } from './support/live';
import { startTestApp, TestApp } from './support/test-app';

type ErrorAck = { ok: false; error: { code: string } };

/**
 * What the Redis adapter persists of a socket for connection-state recovery (issue 9, item 12):
 * the session id, the person and the language, never the bearer token; events keep resolving the
 * actor (by session), and a revoked session stops at the next event.
 */
describe('live socket data persisted for recovery', () => {
  const prefix = `enlace-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  let t: TestApp;
  let alice: { personId: string; token: string };
  let channelId: string;
  const clients: LiveClient[] = [];

  /** Every persisted session, decoded from base64 (msgpack keeps strings as their UTF-8 bytes). */
  async function persistedSessions(): Promise<Buffer[]> {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:live:session:*`, COUNT: 1000 })) {
      keys.push(...batch);
    }
    const values = await Promise.all(keys.map((key) => redis.get(key)));
    return values.filter((v): v is string => v !== null).map((v) => Buffer.from(v, 'base64'));
  }

  beforeAll(async () => {
    await redis.connect();
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix });
    const networkId = (await insertNetwork(t.dataSource)).id;
    const account = await insertAccount(t.dataSource, { name: 'Alice' });
    await insertMembership(t.dataSource, { personId: account.personId, networkId, role: 'SECRETARIAT' });
    alice = { personId: account.personId, token: await insertSession(t.dataSource, account.accountId) };
    channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'general' })).id;
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await t?.close();
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('persists the session id and person, never the token; the recovered socket still works until sign-out', async () => {
    const client = await connectLive(t.url, alice.token);
    clients.push(client);
    expect(await client.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    // A broadcast gives the client an offset in the shared stream, which recovery starts from.
    const seen = client.next('message:new');
    await client.ack('message:send', { channelId, clientId: 'r-0', body: 'before the drop' });
    await seen;

    const dropped = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    client.socket.io.engine.close();
    expect(await dropped).toBe('forced close');
    await eventually(async () => (await persistedSessions()).length > 0);
    const [session] = await persistedSessions();
    expect(session).toBeDefined();
    expect(session.includes(alice.personId)).toBe(true);
    expect(session.includes(alice.token)).toBe(false);
    expect(session.includes(alice.token.slice(4, 24))).toBe(false);

    const reconnected = new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
    client.socket.connect();
    await reconnected;
    expect(client.socket.recovered).toBe(true);
    expect(await client.ack('message:send', { channelId, clientId: 'r-1', body: 'after recovery' })).toMatchObject({
      ok: true,
    });

    // Revoked behind the socket's back (no LiveBus signal): the next event finds the session gone.
    await t.dataSource.query(
      `UPDATE session SET revoked_at = now() WHERE revoked_at IS NULL AND account_id = (
      SELECT id FROM account WHERE person_id = $1)`,
      [alice.personId],
    );
    const closed = disconnected(client);
    const refused = await client.ack<ErrorAck>('message:send', { channelId, clientId: 'r-2', body: 'revoked' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await closed).toBe('io server disconnect');
  });
});
