import { Client } from 'pg';
import { insertChannel, insertNetwork } from '@enlace/testing';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Ack = { ok: boolean; message?: { id: string; body: string; parentId: string | null } };

/**
 * SPEC §6: a chat message costs at most 2 SQL statements on the hot path (the sender's live session,
 * then one statement that checks, stores and returns the message). Counted at the driver: every
 * query node-postgres sends, BEGIN and COMMIT included, whichever way it was issued.
 */
describe('live channels: SQL statements per message', () => {
  let t: TestApp;
  let channelId: string;
  let sender: LiveClient;
  let reader: LiveClient;
  let senderId: string;

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
    const networkId = (await insertNetwork(t.dataSource)).id;
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
});
