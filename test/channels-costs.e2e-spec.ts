import { Client } from 'pg';
import { insertChannel, insertNetwork } from '@enlace/testing';
import { LIVE_PRESENCE_MAX_ROOM } from '../apps/api/src/live/live-rooms';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Ack = { ok: boolean; message?: { id: string; body: string; parentId: string | null } };

/**
 * What the hot paths of a chat cost. SPEC §6: a chat message costs at most 2 SQL statements on the hot path (the sender's live session,
 * then one statement that checks, stores and returns the message). Counted at the driver: every
 * query node-postgres sends, BEGIN and COMMIT included, whichever way it was issued. And a room that
 * fills up does not cost N² presence packets.
 */
describe('live channels: what a message and a join cost', () => {
  let t: TestApp;
  let channelId: string;
  let sender: LiveClient;
  let reader: LiveClient;
  let senderId: string;
  let networkId: string;
  const opened: LiveClient[] = [];

  /** The statements node-postgres sends while `work` runs. */
  async function counted(work: () => Promise<void>): Promise<string[]> {
    const sent: string[] = [];
    const original = Client.prototype.query;
    const spy = function (this: Client, ...args: unknown[]) {
      const first = args[0];
      sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    Client.prototype.query = spy as typeof Client.prototype.query;
    try {
      await work();
    } finally {
      Client.prototype.query = original;
    }
    return sent;
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    const alice = await signedInMember(t, { name: 'Alice', networkId, role: 'CIVIL_SOCIETY' });
    const bob = await signedInMember(t, { name: 'Bob', networkId, role: 'CIVIL_SOCIETY' });
    senderId = alice.personId;
    channelId = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'general' })).id;
    sender = await connectLive(t.url, alice.token);
    reader = await connectLive(t.url, bob.token);
    await sender.ack('channel:join', { channelId });
    await reader.ack('channel:join', { channelId });
  });
  afterAll(async () => {
    sender?.close();
    reader?.close();
    for (const c of opened) c.close();
    await t.close();
  });

  it('posts a message, and a reply, in at most 2 statements each, delivered to the room', async () => {
    let root: Ack = { ok: false };
    const delivered = reader.next<{ clientId: string }>('message:new', (m) => m.clientId === 'counted');
    const statements = await counted(async () => {
      root = await sender.ack<Ack>('message:send', { channelId, clientId: 'counted', body: 'hello' });
      await delivered;
    });
    expect(root).toMatchObject({ ok: true, message: { body: 'hello', parentId: null } });
    expect(statements.length).toBeLessThanOrEqual(2);
    expect(statements.join('\n')).not.toMatch(/\b(BEGIN|START TRANSACTION|COMMIT)\b/);

    let reply: Ack = { ok: false };
    const replyStatements = await counted(async () => {
      reply = await sender.ack<Ack>('message:send', {
        channelId,
        clientId: 'counted-reply',
        body: 'a reply',
        parentId: root.message?.id,
      });
    });
    expect(reply).toMatchObject({ ok: true, message: { parentId: root.message?.id } });
    expect(replyStatements.length).toBeLessThanOrEqual(2);

    const stored = (await t.dataSource.query(
      `SELECT body FROM channel_message WHERE channel_id = $1 AND author_id = $2 ORDER BY seq`,
      [channelId, senderId],
    )) as { body: string }[];
    expect(stored.map((r) => r.body)).toEqual(['hello', 'a reply']);
  });

  it('announces presence while a room is small; beyond that, joining and leaving cost the room nothing', async () => {
    const room = (await insertChannel(t.dataSource, { networkId, kind: 'NETWORK', name: 'plaza' })).id;
    const people = [];
    for (let i = 0; i < LIVE_PRESENCE_MAX_ROOM + 5; i += 1) {
      people.push(await signedInMember(t, { name: `Member ${i}`, networkId, role: 'CIVIL_SOCIETY' }));
    }
    const sockets: LiveClient[] = [];
    for (const person of people) {
      const socket = await connectLive(t.url, person.token);
      opened.push(socket);
      expect(await socket.ack('channel:join', { channelId: room })).toMatchObject({ ok: true });
      sockets.push(socket);
    }
    const [watcher] = sockets;
    const last = sockets[sockets.length - 1];
    last.close(); // the room is large: nobody is told
    // Events from the server reach one socket in order: once this message is in, every presence sent before it is too.
    const marker = watcher.next<{ clientId: string }>('message:new', (m) => m.clientId === 'marker');
    await sockets[1].ack('message:send', { channelId: room, clientId: 'marker', body: 'all here?' });
    await marker;
    const presence = watcher.received
      .filter((r) => r.event === 'presence')
      .map((r) => r.payload as { channelId: string; personId: string; status: string });
    // Joins 2 … LIVE_PRESENCE_MAX_ROOM were announced to the first; none after, and no offline.
    expect(presence).toEqual(
      people.slice(1, LIVE_PRESENCE_MAX_ROOM).map((p) => ({ channelId: room, personId: p.personId, status: 'online' })),
    );
    // The room works as any other for those who joined late.
    const late = sockets[sockets.length - 2];
    const heard = late.next<{ clientId: string }>('message:new', (m) => m.clientId === 'to-the-late');
    await watcher.ack('message:send', { channelId: room, clientId: 'to-the-late', body: 'welcome' });
    expect(await heard).toMatchObject({ clientId: 'to-the-late' });
  });
});
