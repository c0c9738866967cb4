import { NoticeService } from '@enlace/channels';
import {
  insertAccount,
  insertChannel,
  insertMembership,
  insertNetwork,
  insertPartnership,
  insertSession,
} from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { connectLive, LiveClient } from './support/live';
import { removeNetworkPartner } from './support/networks.operations';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { signedInMember, SignedInMember } from './support/members';
import { Operation, startTestApp, TestApp } from './support/test-app';

type Message = { id: string; clientId: string; body: string; channelId: string };
type Ack<T = Record<string, unknown>> = { ok: true } & T;
type ErrorAck = { ok: false; error: { code: string; message: string } };
type Gql = { errors?: { message: string; extensions: { code: string } }[] };

/**
 * Channels as a secretariat, its focal points and a partner civil-society forum use them (issue 14:
 * typing, pinning and moderation of joint channels, presence on join).
 */
describe('channels in field use', () => {
  let t: TestApp;
  const clients: LiveClient[] = [];
  let gov: string; // the owner network
  let forum: string; // its partner civil-society forum
  let other: string; // a network that shares nothing with them
  let sara: SignedInMember; // gov secretariat
  let fabio: SignedInMember; // gov focal point
  let fiona: SignedInMember; // forum secretariat
  let carla: SignedInMember; // forum civil-society member
  let oscar: SignedInMember; // other network's secretariat
  let joint: string;
  let general: string;
  let otherChannel: string;

  async function live(token: string, lang?: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token, lang ? { lang } : {});
    clients.push(client);
    return client;
  }

  function code(res: { body: Gql }): string | undefined {
    return res.body.errors?.[0]?.extensions.code;
  }

  beforeAll(async () => {
    t = await startTestApp();
    gov = (await insertNetwork(t.dataSource)).id;
    forum = (await insertNetwork(t.dataSource)).id;
    other = (await insertNetwork(t.dataSource)).id;
    await insertPartnership(t.dataSource, gov, forum);
    sara = await signedInMember(t, { name: 'Sara', networkId: gov, role: 'SECRETARIAT' });
    fabio = await signedInMember(t, { name: 'Fabio', networkId: gov, role: 'FOCAL_POINT', memberState: 'PE' });
    fiona = await signedInMember(t, { name: 'Fiona', networkId: forum, role: 'SECRETARIAT' });
    carla = await signedInMember(t, { name: 'Carla', networkId: forum, role: 'CIVIL_SOCIETY' });
    oscar = await signedInMember(t, { name: 'Oscar', networkId: other, role: 'SECRETARIAT' });
    joint = (
      await insertChannel(t.dataSource, { networkId: gov, kind: 'JOINT', name: 'Joint', partnerNetworkIds: [forum] })
    ).id;
    general = (await insertChannel(t.dataSource, { networkId: gov, kind: 'NETWORK', name: 'General' })).id;
    otherChannel = (await insertChannel(t.dataSource, { networkId: other, kind: 'NETWORK', name: 'Elsewhere' })).id;
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('typing', () => {
    it('reaches the others in the room, never the sender’s own sockets', async () => {
      const fabioTab1 = await live(fabio.token);
      const fabioTab2 = await live(fabio.token);
      const saraSocket = await live(sara.token);
      for (const c of [fabioTab1, fabioTab2, saraSocket]) {
        expect(await c.ack<Ack>('channel:join', { channelId: general })).toMatchObject({ ok: true });
      }
      const seen = saraSocket.next<{ personId: string }>('typing');
      expect(await fabioTab1.ack('typing', { channelId: general })).toEqual({ ok: true });
      expect(await seen).toEqual({ channelId: general, personId: fabio.personId });
      // One more round trip on each of Fabio's sockets: whatever was sent to them before has arrived.
      await fabioTab1.ack('channel:join', { channelId: general });
      await fabioTab2.ack('channel:join', { channelId: general });
      expect(fabioTab1.received.filter((r) => r.event === 'typing')).toEqual([]);
      expect(fabioTab2.received.filter((r) => r.event === 'typing')).toEqual([]);
    });
  });

  describe('pinning and moderation of a joint channel', () => {
    let carlaMessage: Message;
    let fabioMessage: Message;

    beforeAll(async () => {
      const carlaSocket = await connectLive(t.url, carla.token);
      const fabioSocket = await connectLive(t.url, fabio.token);
      try {
        carlaMessage = (
          await carlaSocket.ack<Ack<{ message: Message }>>('message:send', {
            channelId: joint,
            clientId: 'carla-1',
            body: 'Forum statement on the early warning protocol',
          })
        ).message;
        fabioMessage = (
          await fabioSocket.ack<Ack<{ message: Message }>>('message:send', {
            channelId: joint,
            clientId: 'fabio-1',
            body: 'Peru’s comments on the protocol',
          })
        ).message;
      } finally {
        carlaSocket.close();
        fabioSocket.close();
      }
    });

    it('refuses pinning to members who do not moderate: a forum member, a focal point', async () => {
      for (const who of [carla, fabio]) {
        const res = await t.gql(channelOps.pin(carlaMessage.id), { token: who.token });
        expect(code(res)).toBe('FORBIDDEN');
      }
      const pinned = await t.gql<{ pinnedMessages: { id: string }[] }>(channelOps.pinned(joint), {
        token: carla.token,
      });
      expect(pinned.body.data?.pinnedMessages).toEqual([]);
    });

    it('lets the owner’s and the partner’s secretariat pin; pinnedMessages lists the pins, newest first', async () => {
      const bySara = await t.gql<{ pinMessage: { pinned: boolean } }>(channelOps.pin(carlaMessage.id), {
        token: sara.token,
      });
      expect(bySara.body.errors).toBeUndefined();
      const byFiona = await t.gql<{ pinMessage: { pinned: boolean } }>(channelOps.pin(fabioMessage.id), {
        token: fiona.token,
      });
      expect(byFiona.body.errors).toBeUndefined();
      expect(byFiona.body.data?.pinMessage.pinned).toBe(true);

      for (const reader of [carla, fabio, sara, fiona]) {
        const list = await t.gql<{ pinnedMessages: { id: string; pinned: boolean }[] }>(channelOps.pinned(joint), {
          token: reader.token,
        });
        expect(list.body.errors).toBeUndefined();
        expect(list.body.data?.pinnedMessages.map((m) => m.id)).toEqual([fabioMessage.id, carlaMessage.id]);
      }

      const unpin = await t.gql(channelOps.pin(carlaMessage.id, false), { token: fiona.token });
      expect(unpin.body.errors).toBeUndefined();
      const after = await t.gql<{ pinnedMessages: { id: string }[] }>(channelOps.pinned(joint), { token: carla.token });
      expect(after.body.data?.pinnedMessages.map((m) => m.id)).toEqual([fabioMessage.id]);
    });

    it('lets the partner’s secretariat mute and delete in the joint channel, not in the owner’s own channels', async () => {
      const muted = await t.gql(channelOps.mute(joint, carla.personId, 10), { token: fiona.token });
      expect(muted.body).toEqual({ data: { muteChannelMember: true } });
      const carlaSocket = await live(carla.token);
      expect(
        await carlaSocket.ack<ErrorAck>('message:send', { channelId: joint, clientId: 'carla-muted', body: 'hm' }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await t.gql(channelOps.mute(joint, carla.personId, 0), { token: fiona.token });

      const spam = await carlaSocket.ack<Ack<{ message: Message }>>('message:send', {
        channelId: joint,
        clientId: 'carla-spam',
        body: 'off topic',
      });
      const del = await t.gql(channelOps.deleteMessage(spam.message.id), { token: fiona.token });
      expect(del.body).toEqual({ data: { deleteMessage: true } });

      // The forum's secretariat moderates what it shares, not the owner network's own channel.
      expect(code(await t.gql(channelOps.mute(general, fabio.personId, 10), { token: fiona.token }))).toBe('NOT_FOUND');
      // Nor does moderating the joint channel make it manage it.
      expect(
        code(await t.gql(channelOps.updateChannel({ channelId: joint, name: 'Ours now' }), { token: fiona.token })),
      ).toBe('FORBIDDEN');
    });

    it('answers another network’s ids like missing ones', async () => {
      const stranger = await signedInMember(t, { name: 'Otto', networkId: other, role: 'CIVIL_SOCIETY' });
      const theirs = await connectLive(t.url, stranger.token);
      let elsewhere: Message;
      try {
        elsewhere = (
          await theirs.ack<Ack<{ message: Message }>>('message:send', {
            channelId: otherChannel,
            clientId: 'otto-1',
            body: 'elsewhere',
          })
        ).message;
      } finally {
        theirs.close();
      }
      for (const who of [sara, fiona]) {
        expect(code(await t.gql(channelOps.pin(elsewhere.id), { token: who.token }))).toBe('NOT_FOUND');
        expect(code(await t.gql(channelOps.pinned(otherChannel), { token: who.token }))).toBe('NOT_FOUND');
      }
      // And the other network's secretariat reaches nothing of gov's joint channel.
      expect(code(await t.gql(channelOps.pin(carlaMessage.id), { token: oscar.token }))).toBe('NOT_FOUND');
      expect(code(await t.gql(channelOps.pinned(joint), { token: oscar.token }))).toBe('NOT_FOUND');
      expect(code(await t.gql(channelOps.mute(joint, carla.personId, 5), { token: oscar.token }))).toBe('NOT_FOUND');
      expect(code(await t.gql(channelOps.deleteMessage(carlaMessage.id), { token: oscar.token }))).toBe('NOT_FOUND');
    });
  });

  describe('removeChannelMember on channels whose members are not named', () => {
    it('explains that a joint channel takes its members from the networks it joins', async () => {
      const res = await t.gql(channelOps.removeMember(joint, carla.personId), {
        token: sara.token,
        lang: 'es',
      });
      expect(res.body.errors?.[0]).toMatchObject({
        extensions: { code: 'CONFLICT' },
        message: expect.stringMatching(/red.*socias|socias.*red/i),
      });
      const en = await t.gql(channelOps.removeMember(joint, carla.personId), { token: sara.token });
      expect(en.body.errors?.[0].message).toMatch(/partner networks/);
      const network = await t.gql(channelOps.removeMember(general, fabio.personId), { token: sara.token });
      expect(network.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(network.body.errors?.[0].message).toMatch(/membership/);
      // Another network's channel is still not there at all.
      expect(code(await t.gql(channelOps.removeMember(otherChannel, oscar.personId), { token: sara.token }))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('presence', () => {
    it('tells whoever joins a channel who is online in it now', async () => {
      const saraSocket = await live(sara.token);
      const carlaSocket = await live(carla.token);
      const fabioSocket = await live(fabio.token);
      expect(await saraSocket.ack<Ack<{ online: string[] }>>('channel:join', { channelId: joint })).toMatchObject({
        ok: true,
        online: [sara.personId],
      });
      const carlaJoined = await carlaSocket.ack<Ack<{ online: string[] }>>('channel:join', { channelId: joint });
      expect([...carlaJoined.online].sort()).toEqual([sara.personId, carla.personId].sort());

      // Sara's last socket goes: the room hears it, and the next to join no longer finds her online.
      const offline = carlaSocket.next<{ personId: string; status: string }>(
        'presence',
        (p) => p.personId === sara.personId && p.status === 'offline',
      );
      saraSocket.close();
      await offline;
      const fabioJoined = await fabioSocket.ack<Ack<{ online: string[] }>>('channel:join', { channelId: joint });
      expect([...fabioJoined.online].sort()).toEqual([carla.personId, fabio.personId].sort());
    });
  });
  describe('message search', () => {
    it('finds prefixes and inflected forms in each channel’s language, within what the caller may read', async () => {
      const latam = (await insertNetwork(t.dataSource, { defaultLanguage: 'es', workingLanguages: ['es', 'pt'] })).id;
      const lucia = await signedInMember(t, { name: 'Lucía', networkId: latam, role: 'SECRETARIAT' });
      const create = (input: Record<string, unknown>) =>
        t.gql<{ createChannel: { id: string; language: string } }>(
          {
            query: `mutation C($input: CreateChannelInput!) { createChannel(input: $input) { id language } }`,
            variables: { input },
          },
          { token: lucia.token },
        );
      const es = (await create({ networkId: latam, kind: 'NETWORK', name: 'General' })).body.data!.createChannel;
      expect(es.language).toBe('es'); // the network's default
      const pt = (await create({ networkId: latam, kind: 'NETWORK', name: 'Lusófonos', language: 'pt' })).body.data!
        .createChannel;
      expect(pt.language).toBe('pt');
      const bad = await create({ networkId: latam, kind: 'NETWORK', name: 'x', language: 'de' });
      expect(code(bad)).toBe('BAD_USER_INPUT');

      const socket = await live(lucia.token);
      await socket.ack('message:send', { channelId: es.id, clientId: 's-es', body: 'Informe sobre la situación' });
      await socket.ack('message:send', { channelId: pt.id, clientId: 's-pt', body: 'Os relatórios de Angola' });
      // The same words in a channel of a network Lucía does not belong to.
      const oscarSocket = await live(oscar.token);
      await oscarSocket.ack('message:send', {
        channelId: otherChannel,
        clientId: 's-other',
        body: 'Informe y relatórios',
      });

      const found = async (text: string, token = lucia.token) => {
        const res = await t.gql<{ searchMessages: { totalCount: number; edges: { node: { body: string } }[] } }>(
          channelOps.search(text),
          { token },
        );
        expect(res.body.errors).toBeUndefined();
        return res.body.data!.searchMessages.edges.map((e) => e.node.body);
      };
      expect(await found('inform')).toEqual(['Informe sobre la situación']);
      expect(await found('relatorios')).toEqual(['Os relatórios de Angola']);
      expect(await found('relatório')).toEqual(['Os relatórios de Angola']);
      expect(await found('situa')).toEqual(['Informe sobre la situación']);
      expect(await found('relatorios', oscar.token)).toEqual(['Informe y relatórios']);
      expect(await found('inform', carla.token)).toEqual([]);
    });
  });
  describe('mixed working groups', () => {
    it('names members of partner networks in a working group and a direct channel; visibility as in SPEC §3', async () => {
      // Rita belongs to the forum, and her membership is shown to its partners; Hugo's is not.
      const rita = await insertAccount(t.dataSource, { name: 'Rita' });
      await insertMembership(t.dataSource, {
        personId: rita.personId,
        networkId: forum,
        role: 'CIVIL_SOCIETY',
        visibility: 'PARTNERS',
      });
      const ritaToken = await insertSession(t.dataSource, rita.accountId);
      const hugo = await signedInMember(t, { name: 'Hugo', networkId: forum, role: 'CIVIL_SOCIETY' });
      const stranger = await signedInMember(t, { name: 'Olaf', networkId: other, role: 'CIVIL_SOCIETY' });

      const created = await t.gql<{ createChannel: { id: string } }>(
        channelOps.createChannel({
          networkId: gov,
          kind: 'GROUP',
          name: 'Early warning WG',
          memberIds: [fabio.personId, rita.personId],
        }),
        { token: sara.token },
      );
      expect(created.body.errors).toBeUndefined();
      const group = created.body.data!.createChannel.id;

      // A partner's member the secretariat may not see, and another network's, are unknown people.
      for (const who of [hugo, stranger]) {
        const refused = await t.gql(channelOps.addMember(group, who.personId), { token: sara.token });
        expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      }
      const hidden = await t.gql(
        channelOps.createChannel({ networkId: gov, kind: 'GROUP', name: 'x', memberIds: [stranger.personId] }),
        { token: sara.token },
      );
      expect(code(hidden)).toBe('BAD_USER_INPUT');

      // Rita reads and writes in the working group, live; the forum's secretariat and Hugo do not see it.
      const ritaSocket = await live(ritaToken);
      const fabioSocket = await live(fabio.token);
      expect(await ritaSocket.ack<Ack>('channel:join', { channelId: group })).toMatchObject({ ok: true });
      expect(await fabioSocket.ack<Ack>('channel:join', { channelId: group })).toMatchObject({ ok: true });
      const heard = fabioSocket.next<Message>('message:new', (m) => m.clientId === 'rita-1');
      const sent = await ritaSocket.ack<Ack<{ message: Message }>>('message:send', {
        channelId: group,
        clientId: 'rita-1',
        body: 'The forum’s indicators for the region',
      });
      expect(sent.ok).toBe(true);
      await heard;
      const mine = await t.gql<{ myChannels: { edges: { node: { canPost: boolean; channel: { id: string } } }[] } }>(
        channelOps.myChannels(100),
        { token: ritaToken },
      );
      expect(mine.body.data?.myChannels.edges.filter((e) => e.node.channel.id === group)).toEqual([
        {
          cursor: expect.any(String),
          node: expect.objectContaining({ canPost: true, channel: expect.objectContaining({ id: group }) }),
        },
      ]);
      for (const who of [fiona, hugo, carla, oscar]) {
        expect(code(await t.gql(channelOps.messages({ channelId: group }), { token: who.token }))).toBe('NOT_FOUND');
      }

      // A direct channel between a focal point and a partner forum member.
      const direct = await t.gql<{ createChannel: { id: string } }>(
        channelOps.createChannel({ networkId: gov, kind: 'DIRECT', name: 'Fabio & Rita', memberIds: [rita.personId] }),
        { token: fabio.token },
      );
      expect(direct.body.errors).toBeUndefined();
      const dm = direct.body.data!.createChannel.id;
      const ritaReads = await t.gql<{ channelMessages: { totalCount: number } }>(
        channelOps.messages({ channelId: dm }),
        {
          token: ritaToken,
        },
      );
      expect(ritaReads.body.data?.channelMessages.totalCount).toBe(0);
      expect(code(await t.gql(channelOps.messages({ channelId: dm }), { token: fiona.token }))).toBe('NOT_FOUND');

      // The partnership ends: Rita's socket leaves the working group at once, and she reads it no more.
      const removed = ritaSocket.next<{ channelId: string }>('channel:removed', (p) => p.channelId === group);
      const admin = await signedInMember(t, { name: 'Admin', isAdmin: true });
      const ended = await t.gql(removeNetworkPartner(gov, forum), { token: admin.token });
      try {
        expect(ended.body.errors).toBeUndefined();
        await removed;
        expect(code(await t.gql(channelOps.messages({ channelId: group }), { token: ritaToken }))).toBe('NOT_FOUND');
      } finally {
        await insertPartnership(t.dataSource, gov, forum);
      }
    });
  });
  describe('official notices', () => {
    const post = (input: Record<string, unknown>): Operation => ({
      query: `mutation P($input: PostChannelNoticeInput!) { postChannelNotice(input: $input) { id requiresAcknowledgement } }`,
      variables: { input },
    });
    const ack = (messageId: string): Operation => ({
      query: `mutation A($messageId: ID!) { acknowledgeNotice(messageId: $messageId) }`,
      variables: { messageId },
    });
    const report = (messageId: string): Operation => ({
      query: `query R($messageId: ID!) { noticeAcknowledgements(messageId: $messageId) {
        messageId expectedCount acknowledgedCount
        memberStates { memberState acknowledged { personId name } pending { personId name } } } }`,
      variables: { messageId },
    });
    type Report = {
      expectedCount: number;
      acknowledgedCount: number;
      memberStates: {
        memberState: string | null;
        acknowledged: { personId: string; name: string }[];
        pending: { personId: string; name: string }[];
      }[];
    };

    it('lets the secretariat post a notice and see, per member state, who has acknowledged it; reminds the others once', async () => {
      const net = (await insertNetwork(t.dataSource, { defaultLanguage: 'es', workingLanguages: ['es', 'en'] })).id;
      const member = (name: string, role: string, memberState?: string, preferredLanguage?: string) =>
        signedInMember(t, { name, networkId: net, role, memberState, preferredLanguage });
      const sonia = await member('Sonia', 'SECRETARIAT');
      const pablo = await member('Pablo', 'FOCAL_POINT', 'PE');
      const paula = await member('Paula', 'ALTERNATE_FOCAL_POINT', 'PE', 'es');
      const ana = await member('Ana', 'FOCAL_POINT', 'AR');
      const cesar = await member('César', 'CIVIL_SOCIETY', undefined, 'en');
      const channel = (await insertChannel(t.dataSource, { networkId: net, kind: 'NETWORK', name: 'Plenaria' })).id;

      const pabloSocket = await live(pablo.token);
      await pabloSocket.ack('channel:join', { channelId: channel });
      const arrived = pabloSocket.next<Message & { requiresAcknowledgement: boolean }>('message:new');
      const posted = await t.gql<{ postChannelNotice: { id: string; requiresAcknowledgement: boolean } }>(
        post({
          channelId: channel,
          clientId: 'notice-1',
          body: 'Convocatoria oficial a la plenaria',
          remindAfterDays: 3,
        }),
        { token: sonia.token },
      );
      expect(posted.body.errors).toBeUndefined();
      const notice = posted.body.data!.postChannelNotice;
      expect(notice.requiresAcknowledgement).toBe(true);
      expect(await arrived).toMatchObject({ id: notice.id, requiresAcknowledgement: true });

      // Only moderators post notices; another network's people find nothing.
      expect(
        code(await t.gql(post({ channelId: channel, clientId: 'n-2', body: 'mine' }), { token: pablo.token })),
      ).toBe('FORBIDDEN');
      expect(code(await t.gql(post({ channelId: channel, clientId: 'n-3', body: 'x' }), { token: oscar.token }))).toBe(
        'NOT_FOUND',
      );
      const badDays = await t.gql(post({ channelId: channel, clientId: 'n-4', body: 'x', remindAfterDays: 0 }), {
        token: sonia.token,
        lang: 'pt',
      });
      expect(badDays.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(code(await t.gql(ack(notice.id), { token: oscar.token }))).toBe('NOT_FOUND');
      expect(code(await t.gql(report(notice.id), { token: oscar.token }))).toBe('NOT_FOUND');
      expect(code(await t.gql(report(notice.id), { token: fiona.token }))).toBe('NOT_FOUND');

      for (const who of [pablo, pablo, ana]) {
        expect((await t.gql(ack(notice.id), { token: who.token })).body).toEqual({ data: { acknowledgeNotice: true } });
      }
      expect(code(await t.gql(report(notice.id), { token: pablo.token }))).toBe('FORBIDDEN');
      const seen = await t.gql<{ noticeAcknowledgements: Report }>(report(notice.id), { token: sonia.token });
      expect(seen.body.errors).toBeUndefined();
      expect(seen.body.data?.noticeAcknowledgements).toMatchObject({
        expectedCount: 4,
        acknowledgedCount: 2,
        memberStates: [
          { memberState: 'AR', acknowledged: [{ personId: ana.personId, name: 'Ana' }], pending: [] },
          {
            memberState: 'PE',
            acknowledged: [{ personId: pablo.personId, name: 'Pablo' }],
            pending: [{ personId: paula.personId, name: 'Paula' }],
          },
          { memberState: null, acknowledged: [], pending: [{ personId: cesar.personId, name: 'César' }] },
        ],
      });

      // A plain message is not a notice.
      const plain = await pabloSocket.ack<Ack<{ message: Message }>>('message:send', {
        channelId: channel,
        clientId: 'plain',
        body: 'Recibido',
      });
      expect(code(await t.gql(ack(plain.message.id), { token: ana.token }))).toBe('CONFLICT');

      // Three days on, Paula and César are reminded, once, in their language; the others are not.
      const notices = t.app.get(NoticeService);
      expect(await notices.remindDue()).toEqual({ notices: 0, notified: 0 });
      await t.dataSource.query(
        `UPDATE channel_message SET created_at = now() - interval '3 days 1 minute' WHERE id = $1`,
        [notice.id],
      );
      expect(await notices.remindDue()).toEqual({ notices: 1, notified: 2 });
      expect(await notices.remindDue()).toEqual({ notices: 0, notified: 0 });
      const reminders = async (token: string) =>
        (await t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token })).body
          .data!.myNotifications.edges.map((e) => e.node)
          .filter((n) => n.kind === 'noticeReminder');
      const [forPaula] = await reminders(paula.token);
      expect(forPaula).toMatchObject({ subjectId: notice.id, language: 'es' });
      expect(forPaula.title).toBe('Confirme la recepción del aviso en Plenaria');
      const [forCesar] = await reminders(cesar.token);
      expect(forCesar.title).toBe('Please acknowledge the notice in Plenaria');
      expect(await reminders(pablo.token)).toEqual([]);
      expect(await reminders(sonia.token)).toEqual([]);
    });
  });
});
