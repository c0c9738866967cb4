import { insertChannel, insertMembership, insertNetwork } from '@enlace/testing';
import { TermEndsWatcher } from '../apps/api/src/directory/term-ends.watcher';
import { channelOps } from './support/channels.operations';
import { connectLive, connectRefused, disconnected, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;
type ErrorAck = { ok: false; error: { code: string; message: string; fields?: { field: string; message: string }[] } };
type MyChannels = {
  myChannels: {
    totalCount: number;
    edges: {
      node: { unreadCount: number; mentionCount: number; canPost: boolean; channel: { id: string; name: string } };
    }[];
  };
};

describe('live channels: access, removal and bad input', () => {
  let t: TestApp;
  let networkId: string;
  let alice: { personId: string; token: string }; // secretariat
  let bob: { personId: string; token: string };
  let dave: { personId: string; token: string }; // another network
  let general: string;
  const clients: LiveClient[] = [];

  async function person(name: string, net: string, role = 'CIVIL_SOCIETY', lang = 'en') {
    return signedInMember(t, { name, preferredLanguage: lang, networkId: net, role });
  }

  async function live(token: string, lang?: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token, { lang });
    clients.push(client);
    return client;
  }

  /** Sends a message (as Alice unless `sender` says) and waits until `observer` has it: everything broadcast before has arrived. */
  async function barrier(observer: LiveClient, channelId: string, clientId: string, sender = alice): Promise<void> {
    const seen = observer.next<Message>('message:new', (m) => m.clientId === clientId);
    const a = await live(sender.token);
    const sent = await a.ack<Ack>('message:send', { channelId, clientId, body: `barrier ${clientId}` });
    expect(sent.ok).toBe(true);
    await seen;
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    const other = (await insertNetwork(t.dataSource)).id;
    alice = await person('Alice', networkId, 'SECRETARIAT');
    bob = await person('Bob', networkId);
    dave = await person('Dave', other, 'SECRETARIAT');
    general = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'general' })).id;
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('takes a removed member out of the room at once: no more messages, joins, sends or counts', async () => {
    const frank = await person('Frank', networkId);
    const wg = (
      await insertChannel(t.dataSource, {
        networkId,
        kind: 'GROUP',
        name: 'wg-removal',
        memberIds: [alice.personId, bob.personId, frank.personId],
      })
    ).id;
    const f = await live(frank.token);
    const b = await live(bob.token);
    await f.ack('channel:join', { channelId: wg });
    await b.ack('channel:join', { channelId: wg });
    const before = await t.gql<MyChannels>(channelOps.myChannels(), { token: frank.token });
    expect(before.body.data?.myChannels.edges.map((e) => e.node.channel.id)).toContain(wg);

    const removed = f.next<{ channelId: string }>('channel:removed');
    const res = await t.gql(channelOps.removeMember(wg, frank.personId), { token: alice.token });
    expect(res.body.errors).toBeUndefined();
    expect(await removed).toEqual({ channelId: wg });

    await barrier(b, wg, 'after-removal');
    expect(f.received.filter((e) => e.event === 'message:new')).toEqual([]);
    expect(await f.ack<ErrorAck>('channel:join', { channelId: wg })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await f.ack<ErrorAck>('message:send', { channelId: wg, clientId: 'f1', body: 'still here?' })).toMatchObject(
      {
        ok: false,
        error: { code: 'NOT_FOUND' },
      },
    );
    const after = await t.gql<MyChannels>(channelOps.myChannels(), { token: frank.token });
    expect(after.body.data?.myChannels.edges.map((e) => e.node.channel.id)).not.toContain(wg);
    const history = await t.gql(channelOps.messages({ channelId: wg }), { token: frank.token });
    expect(history.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('tells someone whose membership ends which channels they lost, and keeps their socket for the rest', async () => {
    const gina = await person('Gina', networkId);
    const otherId = (await insertNetwork(t.dataSource)).id; // Gina belongs to it too
    const sam = await person('Sam', otherId, 'SECRETARIAT');
    await insertMembership(t.dataSource, { personId: gina.personId, networkId: otherId, role: 'CIVIL_SOCIETY' });
    const wg = (
      await insertChannel(t.dataSource, {
        networkId,
        kind: 'GROUP',
        name: 'wg-lost',
        memberIds: [alice.personId, gina.personId],
      })
    ).id;
    const elsewhere = (await insertChannel(t.dataSource, { networkId: otherId, kind: 'NETWORK', name: 'kept' })).id;
    const g = await live(gina.token);
    const second = await live(gina.token); // another tab: it joined one lost channel only
    for (const channelId of [general, wg, elsewhere]) {
      expect(await g.ack<Ack>('channel:join', { channelId })).toMatchObject({ ok: true });
    }
    expect(await second.ack<Ack>('channel:join', { channelId: general })).toMatchObject({ ok: true });
    const watcher = await live(bob.token);
    await watcher.ack('channel:join', { channelId: general });
    const d = await live(sam.token);

    const removedFromG = g.next<{ channelId: string }>('channel:removed', (p) => p.channelId === wg);
    const removedFromSecond = second.next<{ channelId: string }>('channel:removed');
    const res = await t.gql(channelOps.endMembership(gina.membershipId), { token: alice.token });
    expect(res.body.errors).toBeUndefined();
    await removedFromG;
    expect(await removedFromSecond).toEqual({ channelId: general });

    // Still connected, still in the other network's channel.
    expect(g.socket.connected).toBe(true);
    const kept = g.next<Message>('message:new', (m) => m.clientId === 'kept-1');
    expect(
      await d.ack<Ack>('message:send', { channelId: elsewhere, clientId: 'kept-1', body: 'still here' }),
    ).toMatchObject({ ok: true });
    await kept;
    // Nothing more from the lost ones.
    await barrier(watcher, general, 'after-end');
    await barrier(g, elsewhere, 'after-end-elsewhere', sam);
    expect(g.received.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).clientId)).toEqual([
      'kept-1',
      'after-end-elsewhere',
    ]);
    expect(
      g.received
        .filter((e) => e.event === 'channel:removed')
        .map((e) => (e.payload as { channelId: string }).channelId),
    ).toEqual(expect.arrayContaining([general, wg]));
    expect(g.received.filter((e) => e.event === 'channel:removed')).toHaveLength(2);
    expect(second.received.filter((e) => e.event === 'channel:removed')).toHaveLength(1);
    expect(second.received.filter((e) => e.event === 'message:new')).toEqual([]);
    expect(second.socket.connected).toBe(true);
    expect(await g.ack<ErrorAck>('channel:join', { channelId: general })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const mine = await t.gql<MyChannels>(channelOps.myChannels(), { token: gina.token });
    expect(mine.body.data?.myChannels.edges.map((e) => e.node.channel.id)).toEqual([elsewhere]);
  });

  it('announces each lost channel once when two memberships end at the same moment', async () => {
    const jo = await person('Jo', networkId, 'OBSERVER');
    const second = await insertMembership(t.dataSource, { personId: jo.personId, networkId, role: 'CIVIL_SOCIETY' });
    const wg = (
      await insertChannel(t.dataSource, { networkId, kind: 'GROUP', name: 'wg-twice', memberIds: [jo.personId] })
    ).id;
    const j = await live(jo.token);
    await j.ack('channel:join', { channelId: general });
    await j.ack('channel:join', { channelId: wg });
    const both = Promise.all([
      j.next('channel:removed', (p: { channelId: string }) => p.channelId === general),
      j.next('channel:removed', (p: { channelId: string }) => p.channelId === wg),
    ]);
    const ended = await Promise.all(
      [jo.membershipId, second.id].map((id) => t.gql(channelOps.endMembership(id), { token: alice.token })),
    );
    expect(ended.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    await both;
    // Whatever was still on its way has arrived once a message sent now comes back.
    const watcher = await live(bob.token);
    await watcher.ack('channel:join', { channelId: general });
    await barrier(watcher, general, 'after-both');
    const removed = j.received.filter((e) => e.event === 'channel:removed').map((e) => e.payload);
    expect(removed).toHaveLength(2);
    expect(j.socket.connected).toBe(true);
  });

  it('takes the channels off open sockets when a planned end of membership arrives, too', async () => {
    const iris = await person('Iris', networkId);
    const otherId = (await insertNetwork(t.dataSource)).id;
    const sam = await person('Sam', otherId, 'SECRETARIAT');
    await insertMembership(t.dataSource, { personId: iris.personId, networkId: otherId, role: 'CIVIL_SOCIETY' });
    const elsewhere = (await insertChannel(t.dataSource, { networkId: otherId, kind: 'NETWORK', name: 'later' })).id;
    const i = await live(iris.token);
    await i.ack('channel:join', { channelId: general });
    await i.ack('channel:join', { channelId: elsewhere });
    // Planned for a later day by endMembership, and that day has come: nothing was published then.
    const ended = await t.gql(channelOps.endMembership(iris.membershipId, '2999-01-01'), { token: alice.token });
    expect(ended.body.errors).toBeUndefined();
    await t.dataSource.query(`UPDATE membership SET ends_on = current_date WHERE id = $1`, [iris.membershipId]);
    const [{ yesterday }] = (await t.dataSource.query(`SELECT (current_date - 1)::text AS yesterday`)) as {
      yesterday: string;
    }[];

    const removed = i.next<{ channelId: string }>('channel:removed');
    await t.app.get(TermEndsWatcher).catchUp(yesterday); // what the day's first check does
    expect(await removed).toEqual({ channelId: general });
    const watcher = await live(bob.token);
    await watcher.ack('channel:join', { channelId: general });
    await barrier(watcher, general, 'after-planned-end');
    await barrier(i, elsewhere, 'still-elsewhere', sam);
    expect(i.received.filter((e) => e.event === 'message:new').map((e) => (e.payload as Message).clientId)).toEqual([
      'still-elsewhere',
    ]);
    expect(i.socket.connected).toBe(true);
  });

  it('counts unread messages and mentions for members only', async () => {
    const hugo = await person('Hugo', networkId);
    const a = await live(alice.token);
    const channel = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'counts' })).id;
    await a.ack('message:send', { channelId: channel, clientId: 'c1', body: 'one' });
    const second = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId: channel,
      clientId: 'c2',
      body: `two, <@${hugo.personId}>`,
    });
    await a.ack('message:send', { channelId: channel, clientId: 'c3', body: 'three' });

    const counts = async (token: string) =>
      (await t.gql<MyChannels>(channelOps.myChannels(50), { token })).body.data?.myChannels.edges.find(
        (e) => e.node.channel.id === channel,
      )?.node;
    expect(await counts(hugo.token)).toMatchObject({ unreadCount: 3, mentionCount: 1, canPost: true });
    expect(await counts(alice.token)).toMatchObject({ unreadCount: 0, mentionCount: 0 });

    const h = await live(hugo.token);
    expect(await h.ack('channel:join', { channelId: channel })).toMatchObject({ ok: true, unreadCount: 3 });
    expect(await h.ack('channel:read', { channelId: channel, messageId: second.message.id })).toEqual({
      ok: true,
      unreadCount: 1,
    });
    expect(await counts(hugo.token)).toMatchObject({ unreadCount: 1, mentionCount: 0 });

    const outsider = await t.gql<MyChannels>(channelOps.myChannels(50), { token: dave.token });
    expect(outsider.body.data?.myChannels).toEqual({ totalCount: 0, edges: [] });
    const d = await live(dave.token);
    expect(await d.ack<ErrorAck>('channel:read', { channelId: channel, messageId: second.message.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers bad input with a clear, localised error and shows nobody anything', async () => {
    const b = await live(bob.token, 'pt');
    const observer = await live(alice.token);
    await observer.ack('channel:join', { channelId: general });
    const archived = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'old', archived: true }))
      .id;

    expect(await b.ack<ErrorAck>('message:send', { channelId: archived, clientId: 'arch', body: 'hello?' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Este canal está arquivado: pode ser lido, mas não pode mais ser alterado.' },
    });

    const mine = await observer.ack<Ack<{ message: Message }>>('message:send', {
      channelId: general,
      clientId: 'mine',
      body: 'mine',
    });
    expect(await b.ack<ErrorAck>('message:edit', { messageId: mine.message.id, body: 'hijacked' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await b.ack<ErrorAck>('message:delete', { messageId: mine.message.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const tooLong = await b.ack<ErrorAck>('message:send', {
      channelId: general,
      clientId: 'long',
      body: 'x'.repeat(4001),
    });
    expect(tooLong).toEqual({
      ok: false,
      error: {
        code: 'BAD_USER_INPUT',
        message: expect.any(String),
        fields: [{ field: 'body', message: 'Uma mensagem pode ter no máximo 4000 caracteres.' }],
      },
    });
    for (const payload of [
      'just a string',
      null,
      [general],
      { channelId: general, clientId: 'm', body: 42 },
      { channelId: general, clientId: 'm', body: 'hi', extra: true },
    ]) {
      expect(await b.ack<ErrorAck>('message:send', payload)).toMatchObject({
        ok: false,
        error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('{ channelId, clientId, body, parentId? }') },
      });
    }
    expect(await b.ack<ErrorAck>('admin:shutdown', { please: true })).toEqual({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: 'Evento desconhecido: admin:shutdown.' },
    });
    expect(await b.ack<ErrorAck>('reaction:add', { messageId: mine.message.id, emoji: '<script>' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT' },
    });

    await barrier(observer, general, 'bad-input-barrier');
    const bodies = observer.received.map((e) => JSON.stringify(e.payload));
    expect(bodies.some((s) => /hello\?|hijacked|xxxx/.test(s))).toBe(false);
    expect(observer.received.filter((e) => e.event !== 'message:new' && e.event !== 'presence')).toEqual([]);
  });

  it('closes the connection of an oversized packet', async () => {
    const b = await live(bob.token);
    const closed = disconnected(b);
    b.socket.emit('message:send', { channelId: general, clientId: 'huge', body: 'x'.repeat(100_000) });
    expect(await closed).toBe('transport close');
    const [{ count }] = (await t.dataSource.query(
      `SELECT count(*)::int AS count FROM channel_message WHERE client_id = 'huge'`,
    )) as { count: number }[];
    expect(count).toBe(0);
  });

  it('refuses floods, then disconnects for abuse', async () => {
    const flooder = await person('Flooder', networkId);
    const f = await live(flooder.token);
    const closed = disconnected(f);
    const answers: (Ack | ErrorAck)[] = [];
    for (let i = 0; i < 120 && f.socket.connected; i += 1) {
      answers.push(
        await f
          .ack<Ack | ErrorAck>('typing', { channelId: general })
          .catch(() => ({ ok: false, error: { code: 'GONE', message: '' } }) as ErrorAck),
      );
    }
    expect(answers.slice(0, 40).every((a) => a.ok)).toBe(true);
    expect(answers.some((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
    expect(await closed).toBe('io server disconnect');
  });

  it('refuses browsers from other origins and too many sockets per person', async () => {
    const refused = await connectRefused(t.url, bob.token, {
      origin: 'https://evil.example.com',
      transports: ['polling'],
    });
    expect(refused.message).toBeDefined();
    const allowed = await connectLive(t.url, bob.token, { origin: t.config.allowedOrigins[0] });
    clients.push(allowed);

    const ivy = await person('Ivy', networkId, 'CIVIL_SOCIETY', 'es');
    for (let i = 0; i < 10; i += 1) clients.push(await connectLive(t.url, ivy.token));
    const eleventh = await connectRefused(t.url, ivy.token);
    expect(eleventh.data).toEqual({
      code: 'RATE_LIMITED',
      message: 'Demasiadas conexiones abiertas para esta cuenta (máximo 10). Cierra una e inténtalo de nuevo.',
    });
  });
});
