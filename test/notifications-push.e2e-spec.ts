import { TransactionRunner } from '@enlace/core';
import { NotificationService, NotifyInput } from '@enlace/notifications';
import { insertNetwork } from '@enlace/testing';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { startTestApp, TestApp } from './support/test-app';

interface Pushed {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  createdAt: string;
}

describe('notifications pushed live to open sockets', () => {
  let t: TestApp;
  let networkId: string;
  let lucia: { personId: string; token: string };
  let claire: { personId: string; token: string };
  const clients: LiveClient[] = [];

  const person = (name: string) => signedInMember(t, { name });
  const notify = (input: NotifyInput) =>
    t.app.get(TransactionRunner).run((tx) => t.app.get(NotificationService).notify(tx, input));
  const membershipEnded = (personId: string, subjectId: string): NotifyInput => ({
    personId,
    kind: 'membershipEnded',
    subject: { type: 'membership', id: subjectId },
    networkId,
    params: { networkName: 'Red Latinoamericana', role: 'FOCAL_POINT' },
  });
  const live = async (token: string) => {
    const client = await connectLive(t.url, token);
    clients.push(client);
    return client;
  };
  const pushes = (client: LiveClient) =>
    client.received.filter((r) => r.event === 'notification:new').map((r) => r.payload as Pushed);

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    lucia = await person('Lucía');
    claire = await person('Claire');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('pushes a committed notification to its recipient only, without its text', async () => {
    const l = await live(lucia.token);
    const c = await live(claire.token);

    const forLucia = l.next<Pushed>('notification:new');
    const id = await notify(membershipEnded(lucia.personId, 'm-lucia'));
    const pushed = await forLucia;
    expect(pushed).toEqual({
      id,
      kind: 'membershipEnded',
      subjectType: 'membership',
      subjectId: 'm-lucia',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(Object.keys(pushed)).not.toContain('title');

    // Claire's own notification comes after Lucía's on the same server: had Lucía's reached Claire's
    // socket, it would be there before this one.
    const forClaire = c.next<Pushed>('notification:new');
    const claireId = await notify(membershipEnded(claire.personId, 'm-claire'));
    await forClaire;
    expect(pushes(c).map((p) => p.id)).toEqual([claireId]);
    expect(pushes(l).map((p) => p.id)).toEqual([id]);
  });

  it('pushes nothing for a rolled-back notification', async () => {
    const l = await live(lucia.token);
    await expect(
      t.app.get(TransactionRunner).run(async (tx) => {
        await t.app.get(NotificationService).notify(tx, membershipEnded(lucia.personId, 'm-rolled-back'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const next = l.next<Pushed>('notification:new');
    const id = await notify(membershipEnded(lucia.personId, 'm-after'));
    expect((await next).id).toBe(id);
    expect(pushes(l).map((p) => p.subjectId)).toEqual(['m-after']);
  });
});
