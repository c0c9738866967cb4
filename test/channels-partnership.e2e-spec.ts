import { insertChannel, insertNetwork, insertPartnership } from '@enlace/testing';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { removeNetworkPartner } from './support/networks.operations';
import { startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string; channelId?: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;

describe('live channels: ending a partnership', () => {
  let t: TestApp;
  const clients: LiveClient[] = [];

  async function person(name: string, networkId: string | null, options: { isAdmin?: boolean; role?: string } = {}) {
    const membership = networkId ? { networkId, role: options.role ?? 'CIVIL_SOCIETY' } : {};
    return signedInMember(t, { name, isAdmin: options.isAdmin, ...membership });
  }

  async function live(token: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('takes the former partner’s members out of joint channels at once; the owner’s members keep them', async () => {
    const a = (await insertNetwork(t.dataSource)).id;
    const b = (await insertNetwork(t.dataSource)).id;
    await insertPartnership(t.dataSource, a, b);
    const admin = await person('Admin', null, { isAdmin: true });
    const anna = await person('Anna', a);
    const arno = await person('Arno', a);
    const bea = await person('Bea', b);
    const joint = (
      await insertChannel(t.dataSource, { networkId: a, kind: 'JOINT', name: 'joint', partnerNetworkIds: [b] })
    ).id;

    const sender = await live(anna.token);
    const observer = await live(arno.token);
    const outsider = await live(bea.token);
    for (const c of [sender, observer, outsider]) {
      expect(await c.ack<Ack>('channel:join', { channelId: joint })).toMatchObject({ ok: true });
    }

    // While the partnership lasts, Bea reads the joint channel live.
    const before = outsider.next<Message>('message:new', (m) => m.clientId === 'before');
    expect((await sender.ack<Ack>('message:send', { channelId: joint, clientId: 'before', body: 'hello' })).ok).toBe(
      true,
    );
    await before;

    const removed = outsider.next<{ channelId: string }>('channel:removed', (p) => p.channelId === joint);
    const res = await t.gql<{ removeNetworkPartner: { partners: unknown[] } }>(removeNetworkPartner(a, b), {
      token: admin.token,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.removeNetworkPartner.partners).toEqual([]);
    await removed;

    const seenByArno = observer.next<Message>('message:new', (m) => m.clientId === 'after');
    const seenByAnna = sender.next<Message>('message:new', (m) => m.clientId === 'after');
    expect((await sender.ack<Ack>('message:send', { channelId: joint, clientId: 'after', body: 'secret' })).ok).toBe(
      true,
    );
    // Arno's copy arriving proves the broadcast went out; Bea's socket must not have had it.
    await Promise.all([seenByArno, seenByAnna]);
    // One more round trip on Bea's own socket: anything sent to her before it has arrived.
    await outsider.ack('channel:join', { channelId: joint });
    const leaked = outsider.received.filter(
      (r) => r.event === 'message:new' && (r.payload as Message).clientId === 'after',
    );
    expect(leaked).toEqual([]);
    // A member of A is not told anything was removed.
    expect(observer.received.filter((r) => r.event === 'channel:removed')).toEqual([]);
  });
});
