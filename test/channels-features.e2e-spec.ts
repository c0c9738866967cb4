import { insertNetwork } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

type Message = {
  id: string;
  channelId: string;
  clientId: string;
  body: string;
  parentId: string | null;
  editedAt: string | null;
};
type Ack<T = Record<string, unknown>> = { ok: true } & T;
type ErrorAck = { ok: false; error: { code: string; message: string } };

describe('live channels: threads, reactions, edits, moderation, search', () => {
  let t: TestApp;
  let networkId: string;
  let alice: { personId: string; token: string }; // secretariat (moderator)
  let bob: { personId: string; token: string };
  let channelId: string;
  let a: LiveClient;
  let b: LiveClient;

  async function person(name: string, role: string) {
    return signedInMember(t, { name, networkId, role });
  }

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    alice = await person('Alice', 'SECRETARIAT');
    bob = await person('Bob', 'CIVIL_SOCIETY');
    const created = await t.gql<{ createChannel: { id: string; kind: string } }>(
      channelOps.createChannel({ networkId, kind: 'GROUP', name: 'Working group', memberIds: [bob.personId] }),
      { token: alice.token },
    );
    expect(created.body.errors).toBeUndefined();
    channelId = created.body.data!.createChannel.id;
    a = await connectLive(t.url, alice.token);
    b = await connectLive(t.url, bob.token);
    await a.ack('channel:join', { channelId });
    const online = a.next<{ personId: string; status: string }>('presence', (p) => p.personId === bob.personId);
    await b.ack('channel:join', { channelId });
    expect(await online).toEqual({ channelId, personId: bob.personId, status: 'online' });
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    await t.close();
  });

  it('relays threads, typing, reactions, edits and deletions to the room', async () => {
    const root = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId,
      clientId: 'root',
      body: 'Agenda for Tuesday?',
    });
    const replySeen = a.next<Message>('message:new', (m) => m.clientId === 'reply');
    const reply = await b.ack<Ack<{ message: Message }>>('message:send', {
      channelId,
      clientId: 'reply',
      body: 'Item 1: early warning',
      parentId: root.message.id,
    });
    expect((await replySeen).parentId).toBe(root.message.id);

    const typing = a.next('typing');
    b.socket.emit('typing', { channelId });
    expect(await typing).toEqual({ channelId, personId: bob.personId });

    const reacted = b.next<{ messageId: string; reactions: unknown[] }>('reaction:updated');
    expect(await a.ack('reaction:add', { messageId: reply.message.id, emoji: '👍' })).toEqual({ ok: true });
    expect(await reacted).toEqual({
      channelId,
      messageId: reply.message.id,
      reactions: [{ emoji: '👍', count: 1, personIds: [alice.personId] }],
    });

    const updated = a.next<Message>(
      'message:updated',
      (m) => m.id === reply.message.id && m.body.includes('warning systems'),
    );
    const edited = await b.ack<Ack<{ message: Message }>>('message:edit', {
      messageId: reply.message.id,
      body: 'Item 1: early warning systems',
    });
    expect(edited.message.editedAt).not.toBeNull();
    expect(await updated).toEqual(edited.message);
    const history = await t.gql<{ messageEdits: { body: string }[] }>(channelOps.edits(reply.message.id), {
      token: alice.token,
    });
    expect(history.body.data?.messageEdits).toEqual([{ body: 'Item 1: early warning', replacedBy: bob.personId }]);
    const notModerator = await t.gql(channelOps.edits(reply.message.id), { token: bob.token });
    expect(notModerator.body.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const thread = await t.gql<{ channelMessages: { edges: { node: { id: string } }[] } }>(
      channelOps.messages({ channelId, threadId: root.message.id }),
      { token: bob.token },
    );
    expect(thread.body.data?.channelMessages.edges.map((e) => e.node.id)).toEqual([reply.message.id]);

    const deleted = a.next('message:deleted');
    expect(await b.ack('message:delete', { messageId: reply.message.id })).toEqual({ ok: true });
    expect(await deleted).toEqual({ id: reply.message.id, channelId });
  });

  it('lets the secretariat rename, pin, mute and delete any message', async () => {
    const renamed = b.next<{ id: string; name: string }>('channel:updated');
    const res = await t.gql(channelOps.updateChannel({ channelId, name: 'Early warning WG' }), { token: alice.token });
    expect(res.body.errors).toBeUndefined();
    expect(await renamed).toMatchObject({ id: channelId, name: 'Early warning WG' });
    expect(
      (await t.gql(channelOps.updateChannel({ channelId, name: 'mine now' }), { token: bob.token })).body.errors?.[0]
        .extensions.code,
    ).toBe('FORBIDDEN');

    const mine = await b.ack<Ack<{ message: Message }>>('message:send', {
      channelId,
      clientId: 'pin-me',
      body: 'Pin this',
    });
    const pinned = await t.gql<{ pinMessage: { pinned: boolean } }>(channelOps.pin(mine.message.id), {
      token: alice.token,
    });
    expect(pinned.body.data?.pinMessage.pinned).toBe(true);

    const muted = await t.gql(channelOps.mute(channelId, bob.personId, 30), { token: alice.token });
    expect(muted.body.data).toEqual({ muteChannelMember: true });
    expect(await b.ack<ErrorAck>('message:send', { channelId, clientId: 'muted', body: 'let me speak' })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    await t.gql(channelOps.mute(channelId, bob.personId, 0), { token: alice.token });

    const removed = b.next('message:deleted');
    const del = await t.gql(channelOps.deleteMessage(mine.message.id), { token: alice.token });
    expect(del.body.data).toEqual({ deleteMessage: true });
    expect(await removed).toEqual({ id: mine.message.id, channelId });
  });

  it('searches over what the caller may read', async () => {
    await a.ack('message:send', { channelId, clientId: 'search-1', body: 'Informe sobre la situación en Perú' });
    const found = await t.gql<{ searchMessages: { totalCount: number; edges: { node: { body: string } }[] } }>(
      channelOps.search('situacion peru'),
      { token: bob.token },
    );
    expect(found.body.data?.searchMessages.edges.map((e) => e.node.body)).toEqual([
      'Informe sobre la situación en Perú',
    ]);
    const strangerToken = (await signedInMember(t, { name: 'Stranger' })).token;
    const none = await t.gql<{ searchMessages: { totalCount: number } }>(channelOps.search('peru'), {
      token: strangerToken,
    });
    expect(none.body.data?.searchMessages.totalCount).toBe(0);
  });
});
