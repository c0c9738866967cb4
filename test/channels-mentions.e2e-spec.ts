import { insertNetwork } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { connectLive, LiveClient } from './support/live';
import { signedInMember } from './support/members';
import { myNotifications, NotificationData, setNotificationPreference } from './support/notifications.operations';
import { startTestApp, TestApp } from './support/test-app';

type Person = { personId: string; token: string };
type Page = { myNotifications: { totalCount: number; edges: { node: NotificationData }[] } };

describe('live channels: mentions notify the people mentioned who may read the channel', () => {
  let t: TestApp;
  let networkId: string;
  let alice: Person; // secretariat, the author
  let bruno: Person; // named member of the group channel, reads Spanish
  let carla: Person; // same network, not a member of the restricted group channel
  let dmitri: Person; // another network altogether
  let channelId: string;
  const clients: LiveClient[] = [];

  async function person(name: string, network: string, role: string, preferredLanguage = 'en'): Promise<Person> {
    return signedInMember(t, { name, preferredLanguage, networkId: network, role });
  }
  const notificationsOf = async (who: Person) => {
    const res = await t.gql<Page>(myNotifications(), { token: who.token });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.myNotifications.edges.map((e) => e.node);
  };
  const live = async (who: Person) => {
    const client = await connectLive(t.url, who.token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    networkId = (await insertNetwork(t.dataSource)).id;
    alice = await person('Alice Martin', networkId, 'SECRETARIAT');
    bruno = await person('Bruno Díaz', networkId, 'CIVIL_SOCIETY', 'es');
    carla = await person('Carla Souza', networkId, 'TRAINER');
    dmitri = await person('Dmitri Ivanov', (await insertNetwork(t.dataSource)).id, 'SECRETARIAT');
    const created = await t.gql<{ createChannel: { id: string } }>(
      channelOps.createChannel({ networkId, kind: 'GROUP', name: 'Alerta temprana', memberIds: [bruno.personId] }),
      { token: alice.token },
    );
    expect(created.body.errors).toBeUndefined();
    channelId = created.body.data!.createChannel.id;
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await t.close();
  });

  it('notifies a mentioned member in their language, live, and never the author or people who cannot read the channel', async () => {
    const a = await live(alice);
    const b = await live(bruno);
    const c = await live(carla);
    const d = await live(dmitri);
    const pushed = b.next<{ id: string; kind: string; subjectType: string; subjectId: string }>('notification:new');

    const sent = await a.ack<{ ok: true; message: { id: string } }>('message:send', {
      channelId,
      clientId: 'mention-1',
      body: `<@${bruno.personId}> <@${carla.personId}> <@${dmitri.personId}> <@${alice.personId}> can you review the draft?`,
    });
    expect(sent.ok).toBe(true);

    const push = await pushed;
    expect(push).toEqual({
      id: expect.any(String),
      kind: 'mentioned',
      subjectType: 'channel_message',
      subjectId: sent.message.id,
      createdAt: expect.any(String),
    });
    expect(await notificationsOf(bruno)).toEqual([
      expect.objectContaining({
        id: push.id,
        kind: 'mentioned',
        subjectType: 'channel_message',
        subjectId: sent.message.id,
        networkId,
        title: 'Alice Martin le mencionó en Alerta temprana',
        body: 'Alice Martin le mencionó en un mensaje en Alerta temprana.',
        language: 'es',
        delivery: 'IN_APP',
      }),
    ]);

    // The author, a member of the network who may not read this restricted channel, and someone of
    // another network: nothing recorded, nothing pushed.
    for (const who of [alice, carla, dmitri]) expect(await notificationsOf(who)).toEqual([]);
    // A retry of the same send (same client id) notifies nobody again.
    await a.ack('message:send', { channelId, clientId: 'mention-1', body: `<@${bruno.personId}> again` });
    expect(await notificationsOf(bruno)).toHaveLength(1);
    // Nor was anything pushed to their sockets (a wrong push would have gone out with Bruno's).
    for (const client of [a, c, d]) {
      expect(client.received.filter((r) => r.event === 'notification:new')).toEqual([]);
    }
  });

  it('an official notice notifies its mentioned readers too, as their preferences say, and nobody else', async () => {
    const elena = await person('Elena Ruiz', networkId, 'OBSERVER', 'fr');
    const added = await t.gql(channelOps.addMember(channelId, elena.personId), { token: alice.token });
    expect(added.body.errors).toBeUndefined();
    // Elena turned mentions off: she reads the notice in the channel, and is not notified of it.
    expect(
      (await t.gql(setNotificationPreference('mentioned', 'OFF'), { token: elena.token })).body.errors,
    ).toBeUndefined();
    const before = new Map<Person, number>();
    for (const who of [alice, bruno, carla, dmitri, elena]) before.set(who, (await notificationsOf(who)).length);
    const c = await live(carla);
    const d = await live(dmitri);

    const posted = await t.gql<{ postChannelNotice: { id: string; requiresAcknowledgement: boolean } }>(
      channelOps.postNotice({
        channelId,
        clientId: 'notice-mention-1',
        body: `<@${bruno.personId}> <@${carla.personId}> <@${dmitri.personId}> <@${elena.personId}> <@${alice.personId}> please acknowledge the new terms of reference.`,
      }),
      { token: alice.token },
    );
    expect(posted.body.errors).toBeUndefined();
    const notice = posted.body.data!.postChannelNotice;
    expect(notice.requiresAcknowledgement).toBe(true);

    const [forBruno, ...rest] = await notificationsOf(bruno);
    expect(rest).toHaveLength(before.get(bruno)!);
    expect(forBruno).toEqual(
      expect.objectContaining({
        kind: 'mentioned',
        subjectType: 'channel_message',
        subjectId: notice.id,
        title: 'Alice Martin le mencionó en Alerta temprana',
        language: 'es',
      }),
    );
    // The author, Elena (mentions off), Carla (may not read the channel) and Dmitri (another network): nothing.
    for (const who of [alice, carla, dmitri, elena]) {
      expect(await notificationsOf(who)).toHaveLength(before.get(who)!);
    }
    for (const client of [c, d]) expect(client.received.filter((r) => r.event === 'notification:new')).toEqual([]);

    // A retry of the same post (same client id) notifies nobody again.
    await t.gql(
      channelOps.postNotice({ channelId, clientId: 'notice-mention-1', body: `<@${bruno.personId}> again` }),
      { token: alice.token },
    );
    expect(await notificationsOf(bruno)).toHaveLength(before.get(bruno)! + 1);
  });

  it('offers the kind among the preferences, on by default in the app', async () => {
    const res = await t.gql<{ myNotificationPreferences: { kind: string; delivery: string; isDefault: boolean }[] }>(
      { query: '{ myNotificationPreferences { kind delivery isDefault } }' },
      { token: bruno.token },
    );
    expect(res.body.data!.myNotificationPreferences).toContainEqual({
      kind: 'mentioned',
      delivery: 'IN_APP',
      isDefault: true,
    });
  });
});
