import { insertChannel, insertNetwork } from '@enlace/testing';
import { connectLive, connectRefused, disconnected, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  id: string;
  channelId: string;
  clientId: string;
  author: { id: string; name: string };
  body: string;
  parentId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  reactions: { emoji: string; count: number; personIds: string[] }[];
}
type Ack<T = Record<string, unknown>> = { ok: true } & T;
type ErrorAck = { ok: false; error: { code: string; message: string; fields?: { field: string; message: string }[] } };

const HISTORY = `query History($channelId: ID!, $first: Int) {
  channelMessages(channelId: $channelId, first: $first) {
    totalCount edges { cursor node { id clientId body author { id name } createdAt } }
  }
}`;

describe('live channels over Socket.IO', () => {
  let t: TestApp;
  let networkId: string;
  let alice: { personId: string; token: string }; // secretariat
  let bob: { personId: string; token: string }; // focal point
  let carol: { personId: string; token: string }; // civil society, not in the working group
  let dave: { personId: string; token: string }; // another network
  let general: string;
  let group: string;
  const clients: LiveClient[] = [];

  async function person(name: string, net: string, role: string, memberState: string | null = null) {
    return signedInMember(t, { name, networkId: net, role, memberState });
  }

  async function live(token: string, lang?: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token, { lang });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    const other = (await insertNetwork(t.dataSource)).id;
    alice = await person('Alice', networkId, 'SECRETARIAT');
    bob = await person('Bob', networkId, 'FOCAL_POINT', 'PY');
    carol = await person('Carol', networkId, 'CIVIL_SOCIETY');
    dave = await person('Dave', other, 'SECRETARIAT');
    general = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'general' })).id;
    group = (
      await insertChannel(t.dataSource, {
        networkId,
        kind: 'GROUP',
        name: 'wg',
        memberIds: [alice.personId, bob.personId],
      })
    ).id;
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('lets two members exchange messages live, and the history matches', async () => {
    const a = await live(alice.token);
    const b = await live(bob.token);
    const joinA = await a.ack<Ack<{ channel: { id: string; name: string }; unreadCount: number }>>('channel:join', {
      channelId: general,
    });
    expect(joinA).toMatchObject({ ok: true, channel: { id: general, name: 'general' }, unreadCount: 0 });
    await b.ack('channel:join', { channelId: general });

    const seenByBob = b.next<Message>('message:new', (m) => m.clientId === 'a-1');
    const sent = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: general,
      clientId: 'a-1',
      body: 'Hola, Bob',
    });
    expect(sent).toMatchObject({
      ok: true,
      message: { channelId: general, clientId: 'a-1', body: 'Hola, Bob', parentId: null },
    });
    expect(sent.message.author).toEqual({ id: alice.personId, name: 'Alice' });
    expect(new Date(sent.message.createdAt).toISOString()).toBe(sent.message.createdAt);
    expect(await seenByBob).toEqual(sent.message);

    const seenByAlice = a.next<Message>('message:new', (m) => m.clientId === 'b-1');
    const reply = await b.ack<Ack<{ message: Message }>>('message:send', {
      channelId: general,
      clientId: 'b-1',
      body: 'Hola, Alice',
    });
    expect(await seenByAlice).toEqual(reply.message);

    const history = await t.gql<{ channelMessages: { totalCount: number; edges: { node: Partial<Message> }[] } }>(
      { query: HISTORY, variables: { channelId: general, first: 10 } },
      { token: bob.token },
    );
    expect(history.body.errors).toBeUndefined();
    expect(history.body.data?.channelMessages.edges.map((e) => e.node)).toEqual([
      {
        id: reply.message.id,
        clientId: 'b-1',
        body: 'Hola, Alice',
        author: { id: bob.personId, name: 'Bob' },
        createdAt: reply.message.createdAt,
      },
      {
        id: sent.message.id,
        clientId: 'a-1',
        body: 'Hola, Bob',
        author: { id: alice.personId, name: 'Alice' },
        createdAt: sent.message.createdAt,
      },
    ]);
    expect(history.body.data?.channelMessages.totalCount).toBe(2);
  });

  it('stores a retried send once and broadcasts it once', async () => {
    const a = await live(alice.token);
    const b = await live(bob.token);
    await a.ack('channel:join', { channelId: group });
    await b.ack('channel:join', { channelId: group });
    const first = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: group,
      clientId: 'retry-1',
      body: 'once',
    });
    const again = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: group,
      clientId: 'retry-1',
      body: 'once',
    });
    expect(again.message).toEqual(first.message);
    // A later message is the barrier: everything before it has been delivered to Bob.
    const barrier = b.next<Message>('message:new', (m) => m.clientId === 'retry-2');
    await a.ack('message:send', { channelId: group, clientId: 'retry-2', body: 'after' });
    await barrier;
    expect(
      b.received.filter((e) => e.event === 'message:new' && (e.payload as Message).clientId === 'retry-1'),
    ).toHaveLength(1);
    const [{ count }] = (await t.dataSource.query(
      `SELECT count(*)::int AS count FROM channel_message WHERE client_id = 'retry-1'`,
    )) as { count: number }[];
    expect(count).toBe(1);
  });

  it('keeps outsiders out: another network, a non-member of a working group, no token, a bad token', async () => {
    const d = await live(dave.token, 'es');
    const c = await live(carol.token);
    const b = await live(bob.token);
    await b.ack('channel:join', { channelId: group });

    const denied = await d.ack<ErrorAck>('channel:join', { channelId: general });
    expect(denied).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No encontrado.' } });
    expect(
      await d.ack<ErrorAck>('message:send', { channelId: general, clientId: 'x', body: 'intrusion' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await c.ack<ErrorAck>('channel:join', { channelId: group })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await c.ack<ErrorAck>('message:send', { channelId: group, clientId: 'x', body: 'intrusion' })).toMatchObject(
      {
        ok: false,
        error: { code: 'NOT_FOUND' },
      },
    );
    // A channel that does not exist answers exactly the same.
    expect(await c.ack<ErrorAck>('channel:join', { channelId: '00000000-0000-4000-8000-000000000000' })).toEqual(
      await c.ack<ErrorAck>('channel:join', { channelId: group }),
    );

    const barrier = b.next<Message>('message:new', (m) => m.clientId === 'outsiders-barrier');
    const a = await live(alice.token);
    await a.ack('message:send', { channelId: group, clientId: 'outsiders-barrier', body: 'members only' });
    await barrier;
    expect(b.received.some((e) => JSON.stringify(e.payload).includes('intrusion'))).toBe(false);
    expect(d.received).toEqual([]);
    expect(c.received).toEqual([]);

    const noToken = await connectRefused(t.url, undefined, { lang: 'fr' });
    expect(noToken.data).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/connect/i) });
    const badToken = await connectRefused(t.url, 'not-a-token');
    expect(badToken.data?.code).toBe('UNAUTHENTICATED');
  });

  it('closes a signed-out session at once and refuses its token afterwards', async () => {
    const { token } = await signedInMember(t, { name: 'Erin', networkId, role: 'OBSERVER' });
    const e = await live(token);
    await e.ack('channel:join', { channelId: general });
    const closed = disconnected(e);
    const out = await t.gql({ query: 'mutation { signOut }' }, { token });
    expect(out.body.data).toEqual({ signOut: true });
    expect(await closed).toBe('io server disconnect');

    const a = await live(alice.token);
    await a.ack('message:send', { channelId: general, clientId: 'after-signout', body: 'not for Erin' });
    expect(e.received.some((r) => r.event === 'message:new')).toBe(false);
    expect((await connectRefused(t.url, token)).data?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses the next message of a socket whose session ended while it was open, even with no signal', async () => {
    // An expiry (or a revocation written by another process) tells no socket: the event itself must find out.
    for (const end of ['revoked_at = now()', "expires_at = now() - interval '1 second'"]) {
      const erin = await signedInMember(t, { name: 'Erin', networkId, role: 'CIVIL_SOCIETY' });
      const e = await live(erin.token);
      await e.ack('channel:join', { channelId: general });
      const ok = await e.ack<Ack<{ message: Message }>>('message:send', {
        channelId: general,
        clientId: 'before',
        body: 'hi',
      });
      expect(ok.ok).toBe(true);
      await t.dataSource.query(`UPDATE session SET ${end} WHERE account_id = $1`, [erin.accountId]);
      const closed = disconnected(e);
      const refused = await e.ack<ErrorAck>('message:send', {
        channelId: general,
        clientId: 'after',
        body: 'hi again',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await closed).toBe('io server disconnect');
      const stored = (await t.dataSource.query(
        `SELECT client_id FROM channel_message WHERE channel_id = $1 AND author_id = $2 ORDER BY seq`,
        [general, erin.personId],
      )) as { client_id: string }[];
      expect(stored.map((r) => r.client_id)).toEqual(['before']);
    }
  });
});
