import { insertMembership, insertNetwork } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { myPersonalData } from './support/directory.operations';
import { inviteToNetwork } from './support/identity.operations';
import { createMeeting, inviteToMeeting } from './support/meetings.operations';
import { connectLive, eventually, LiveClient } from './support/live';
import { signedInMember, SignedInMember } from './support/members';
import { setNotificationPreference } from './support/notifications.operations';
import { startTestApp, TestApp } from './support/test-app';

type Ack<T> = { ok: true } & T;
type Message = { id: string; body: string };
type Export = Record<string, unknown> & {
  memberships: Array<{ network: string; role: string; startsOn: string; endsOn: string | null }>;
  messages: Array<{ id: string; channelId: string; body: string; edits: Array<{ body: string }> }>;
  reactions: Array<{ messageId: string; emoji: string }>;
  acknowledgements: Array<{ messageId: string; acknowledgedAt: string }>;
  notifications: Array<{ kind: string; subjectId: string; readAt: string | null }>;
  notificationPreferences: Array<{ kind: string; delivery: string }>;
  invitations: { received: Array<{ network: string; role: string }>; sent: Array<{ network: string; email: string }> };
  meetingInvitations: Array<{ meetingId: string; response: string }>;
};

/**
 * SPEC §4.1: a person can export their own data — everything Enlace holds about them, from every
 * context (directory, account, channels, notifications), with dates as the API writes them.
 */
describe('personal-data export', () => {
  let t: TestApp;
  let networkId: string;
  let otherNetwork: { id: string; slug: string };
  let alice: SignedInMember; // the secretariat
  let olga: SignedInMember; // exports her data
  const clients: LiveClient[] = [];

  const exportOf = async (who: SignedInMember) => {
    const res = await t.gql<{ myPersonalData: string }>(myPersonalData, { token: who.token });
    expect(res.body.errors).toBeUndefined();
    return JSON.parse(res.body.data!.myPersonalData) as Export;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const network = await insertNetwork(t.dataSource, { slug: 'pd-network' });
    networkId = network.id;
    otherNetwork = await insertNetwork(t.dataSource, { slug: 'pd-other' });
    alice = await signedInMember(t, { name: 'Alice Secretaria', networkId, role: 'SECRETARIAT' });
    olga = await signedInMember(t, { name: 'Olga Observadora', networkId, role: 'OBSERVER' });
    // An earlier, ended term in the other network.
    await insertMembership(t.dataSource, {
      personId: olga.personId,
      networkId: otherNetwork.id,
      role: 'CIVIL_SOCIETY',
      startsOn: '2024-03-01',
      endsOn: '2025-01-31',
    });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await t.close();
  });

  it('holds the person’s messages, reactions, notifications, preferences and invitations, and only theirs', async () => {
    const created = await t.gql<{ createChannel: { id: string } }>(
      channelOps.createChannel({ networkId, kind: 'GROUP', name: 'Alerta temprana', memberIds: [olga.personId] }),
      { token: alice.token },
    );
    expect(created.body.errors).toBeUndefined();
    const channelId = created.body.data!.createChannel.id;
    const a = await connectLive(t.url, alice.token);
    const o = await connectLive(t.url, olga.token);
    clients.push(a, o);
    for (const client of [a, o]) expect(await client.ack('channel:join', { channelId })).toMatchObject({ ok: true });

    const question = await a.ack<Ack<{ message: Message }>>('message:send', {
      channelId,
      clientId: 'pd-1',
      body: `<@${olga.personId}> ¿puede revisar el borrador?`,
    });
    const answer = await o.ack<Ack<{ message: Message }>>('message:send', {
      channelId,
      clientId: 'pd-2',
      body: 'Sí, hoy',
    });
    expect(await o.ack('message:edit', { messageId: answer.message.id, body: 'Sí, mañana' })).toMatchObject({
      ok: true,
    });
    expect(await o.ack('reaction:add', { messageId: question.message.id, emoji: '👍' })).toEqual({ ok: true });
    const notice = await t.gql<{ postChannelNotice: { id: string } }>(
      {
        query: 'mutation ($i: PostChannelNoticeInput!) { postChannelNotice(input: $i) { id } }',
        variables: { i: { channelId, clientId: 'pd-notice', body: 'Comunicado oficial' } },
      },
      { token: alice.token },
    );
    expect(notice.body.errors).toBeUndefined();
    const noticeId = notice.body.data!.postChannelNotice.id;
    const acknowledged = await t.gql(
      { query: 'mutation ($id: ID!) { acknowledgeNotice(messageId: $id) }', variables: { id: noticeId } },
      { token: olga.token },
    );
    expect(acknowledged.body.errors).toBeUndefined();
    expect(
      (await t.gql(setNotificationPreference('membershipEnded', 'EMAIL'), { token: olga.token })).body.errors,
    ).toBeUndefined();
    const invited = await t.gql(inviteToNetwork({ networkId, email: olga.email, role: 'TRAINER', language: 'es' }), {
      token: alice.token,
    });
    expect(invited.body.errors).toBeUndefined();

    const meeting = await t.gql<{ createMeeting: { id: string } }>(
      createMeeting({
        networkId,
        kind: 'WORKING_GROUP',
        title: [{ language: 'es', text: 'Grupo de trabajo sobre alerta temprana' }],
        start: '2027-03-01T10:00',
        end: '2027-03-01T12:00',
        timeZone: 'America/Asuncion',
      }),
      { token: alice.token },
    );
    expect(meeting.body.errors).toBeUndefined();
    const meetingId = meeting.body.data!.createMeeting.id;
    const invitedToMeeting = await t.gql(inviteToMeeting({ meetingId, personIds: [olga.personId] }), {
      token: alice.token,
    });
    expect(invitedToMeeting.body.errors).toBeUndefined();

    let data = await exportOf(olga);
    await eventually(async () => {
      data = await exportOf(olga);
      return data.notifications.length > 0;
    });

    expect(data.messages).toEqual([
      expect.objectContaining({
        id: answer.message.id,
        channelId,
        body: 'Sí, mañana',
        edits: [{ body: 'Sí, hoy', replacedAt: expect.any(String) }],
      }),
    ]);
    expect(data.reactions).toEqual([expect.objectContaining({ messageId: question.message.id, emoji: '👍' })]);
    expect(data.acknowledgements).toEqual([expect.objectContaining({ messageId: noticeId })]);
    expect(data.notifications).toEqual([
      expect.objectContaining({ kind: 'mentioned', subjectId: question.message.id }),
    ]);
    expect(data.notificationPreferences).toEqual([
      expect.objectContaining({ kind: 'membershipEnded', delivery: 'EMAIL' }),
    ]);
    expect(data.invitations.received).toEqual([expect.objectContaining({ network: 'pd-network', role: 'TRAINER' })]);
    expect(data.invitations.sent).toEqual([]);
    expect(data.meetingInvitations).toEqual([expect.objectContaining({ meetingId, response: 'PENDING' })]);
    expect(data).toMatchObject({
      enrolments: [],
      trainingAttendance: [],
      trainingsAsTrainer: [],
      trainingSessionsAsTrainer: [],
    });
    expect(data).toMatchObject({
      person: { name: 'Olga Observadora', timeZone: null, fieldValues: {} },
      account: { email: olga.email },
      channels: [expect.objectContaining({ channelId, name: 'Alerta temprana' })],
    });
    // Nothing of the secretariat's: her message and her invitation are in her own export.
    expect(JSON.stringify(data)).not.toContain('¿puede revisar');
    const hers = await exportOf(alice);
    expect(hers.messages.map((m) => m.id)).toEqual([question.message.id, noticeId]);
    expect(hers.invitations.sent).toEqual([expect.objectContaining({ network: 'pd-network', email: olga.email })]);
    // No secret is ever exported: no token, no hash of one, no password hash.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/"(?:password_?hash|token_?hash|token|address_?digest|secret_?params)":/i);
    expect(text).not.toContain(olga.token);
    expect(text).not.toMatch(/\$argon2/);
  });

  it('writes dates as the API does: YYYY-MM-DD for days, ISO 8601 UTC for moments', async () => {
    const data = await exportOf(olga);
    expect(data.memberships).toEqual([
      expect.objectContaining({
        network: 'pd-other',
        role: 'CIVIL_SOCIETY',
        startsOn: '2024-03-01',
        endsOn: '2025-01-31',
      }),
      expect.objectContaining({
        network: 'pd-network',
        role: 'OBSERVER',
        startsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        endsOn: null,
      }),
    ]);
    expect(data.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('is for the person themself only', async () => {
    const anonymous = await t.gql(myPersonalData);
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
