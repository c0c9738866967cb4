import { insertChannel, insertNetwork } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { connectLive, connectRefused, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string; channelId: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;

/**
 * Connection-state recovery restores rooms and missed packets before the middleware runs: the
 * restored session is re-validated first, so what was sent after a removal or a sign-out stays out.
 */
describe('live channels: recovery re-checks the session and the channels', () => {
  let t: TestApp;
  let networkId: string;
  let alice: { personId: string; token: string }; // secretariat
  const clients: LiveClient[] = [];

  async function person(name: string, role = 'CIVIL_SOCIETY') {
    return signedInMember(t, { name, networkId, role });
  }

  async function live(token: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token);
    clients.push(client);
    return client;
  }

  /** Kills the transport: the client keeps its session id and offset, so its reconnection may recover. */
  async function drop(client: LiveClient): Promise<void> {
    const dropped = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    client.socket.io.engine.close();
    expect(await dropped).toBe('forced close');
  }

  function reconnect(client: LiveClient): Promise<void> {
    const reconnected = new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
    client.socket.connect();
    return reconnected;
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    alice = await person('Alice', 'SECRETARIAT');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('does not hand a member removed while disconnected what the channel got after the removal', async () => {
    const bob = await person('Bob');
    const carol = await person('Carol');
    const wg = (
      await insertChannel(t.dataSource, {
        networkId,
        kind: 'GROUP',
        name: 'wg-recovery',
        memberIds: [alice.personId, bob.personId, carol.personId],
      })
    ).id;
    const a = await live(alice.token);
    const b = await live(bob.token);
    const c = await live(carol.token);
    for (const client of [a, b, c]) await client.ack('channel:join', { channelId: wg });
    const first = [b, c].map((client) => client.next<Message>('message:new', (m) => m.clientId === 'rc-0'));
    await a.ack('message:send', { channelId: wg, clientId: 'rc-0', body: 'before the drop' });
    await Promise.all(first);

    await drop(b);
    await drop(c);
    const res = await t.gql(channelOps.removeMember(wg, bob.personId), { token: alice.token });
    expect(res.body.errors).toBeUndefined();
    const sent = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: wg,
      clientId: 'rc-1',
      body: 'after the removal',
    });

    // Carol, still a member, recovers the message she missed.
    const missed = c.next<Message>('message:new', (m) => m.clientId === 'rc-1');
    await reconnect(c);
    expect(c.socket.recovered).toBe(true);
    expect(await missed).toEqual(sent.message);

    // Bob recovers his connection (his session is valid) but not the channel: he is told of the removal.
    const removed = b.next<{ channelId: string }>('channel:removed');
    await reconnect(b);
    expect(b.socket.recovered).toBe(true);
    expect(await removed).toEqual({ channelId: wg });

    // A later message reaches Carol, hence everything before it has been delivered: Bob got none.
    const later = c.next<Message>('message:new', (m) => m.clientId === 'rc-2');
    await a.ack('message:send', { channelId: wg, clientId: 'rc-2', body: 'later' });
    await later;
    expect(b.received.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).clientId)).toEqual([
      'rc-0',
    ]);
  });

  it('does not recover a session signed out while disconnected: no missed packets, connection refused', async () => {
    const dan = await person('Dan');
    const erin = await person('Erin');
    const wg = (
      await insertChannel(t.dataSource, {
        networkId,
        kind: 'GROUP',
        name: 'wg-signed-out',
        memberIds: [alice.personId, dan.personId, erin.personId],
      })
    ).id;
    const a = await live(alice.token);
    const d = await live(dan.token);
    const e = await live(erin.token);
    for (const client of [a, d, e]) await client.ack('channel:join', { channelId: wg });

    await drop(d);
    const out = await t.gql({ query: 'mutation { signOut }' }, { token: dan.token });
    expect(out.body.data).toEqual({ signOut: true });
    const seen = e.next<Message>('message:new', (m) => m.clientId === 'so-1');
    await a.ack('message:send', { channelId: wg, clientId: 'so-1', body: 'after the sign-out' });
    await seen;

    const refused = new Promise<Error & { data?: { code: string } }>((resolve) =>
      d.socket.once('connect_error', resolve),
    );
    d.socket.connect();
    expect((await refused).data?.code).toBe('UNAUTHENTICATED');
    expect(d.socket.connected).toBe(false);
    expect(d.received.filter((ev) => ev.event === 'message:new')).toEqual([]);
    // Nothing reached the wire either (packets before the refusal would wait in the client's buffer).
    expect(d.socket.receiveBuffer).toEqual([]);
    // And a fresh connection with the same token is refused too.
    expect((await connectRefused(t.url, dan.token)).data?.code).toBe('UNAUTHENTICATED');
  });
});
