import { randomUUID } from 'node:crypto';
import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import { channelOps } from './support/channels.operations';
import { designateFocalPoint, myPersonalData } from './support/directory.operations';
import { connectLive, LiveClient } from './support/live';
import { MeetingChannelData, meetingChannelOps } from './support/meeting-channel.operations';
import {
  createMeeting,
  inviteToMeeting,
  MeetingData,
  meetingStep,
  uninviteFromMeeting,
} from './support/meetings.operations';
import { SignedInMember, signedInMember } from './support/members';
import { delegateInvitation } from './support/minutes.operations';
import { auditLog, endMembership } from './support/networks.operations';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

type Errors = GraphqlResponse['body']['errors'];
type ErrorAck = { ok: false; error: { code: string; message: string } };
interface Message {
  id: string;
  clientId: string;
  body: string;
}

describe('a meeting’s channel, and invitations to whole roles kept current', () => {
  let t: TestApp;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  function answer(errors: Errors) {
    return { code: errors?.[0]?.extensions.code, message: errors?.[0]?.message };
  }

  async function live(token: string): Promise<LiveClient> {
    const client = await connectLive(t.url, token);
    clients.push(client);
    return client;
  }

  /** The ICGLR Regional Committee: four member states' focal points, Tanzania's alternate, an observer. */
  async function committee() {
    const icglr = (await insertNetwork(t.dataSource, { defaultLanguage: 'fr', workingLanguages: ['fr', 'en'] })).id;
    for (const code of ['CG', 'KE', 'TZ', 'UG'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Secrétariat CIRGL', networkId: icglr, role: 'SECRETARIAT' });
    const focal = (name: string, memberState: string, preferredLanguage = 'en') =>
      signedInMember(t, { name, networkId: icglr, role: 'FOCAL_POINT', memberState, preferredLanguage });
    const fp: Record<'CG' | 'KE' | 'TZ' | 'UG', SignedInMember & { membershipId: string }> = {
      CG: await focal('Point focal Congo', 'CG', 'fr'),
      KE: await focal('Kenya focal point', 'KE'),
      TZ: await focal('Mratibu Tanzania', 'TZ'),
      UG: await focal('Uganda focal point', 'UG'),
    };
    const altTZ = await signedInMember(t, {
      name: 'Suppléante Tanzanie',
      networkId: icglr,
      role: 'ALTERNATE_FOCAL_POINT',
      memberState: 'TZ',
      preferredLanguage: 'fr',
    });
    const observer = await signedInMember(t, { name: 'Observateur UA', networkId: icglr, role: 'OBSERVER' });
    return { icglr, secretariat, fp, altTZ, observer };
  }

  type Committee = Awaited<ReturnType<typeof committee>>;

  /** A committee meeting ahead (December 2030), inviting all focal points of the network, scheduled. */
  async function scheduled(
    c: Committee,
    roles = [{ networkId: c.icglr, role: 'FOCAL_POINT' }],
    when = { start: '2030-12-10T09:00', end: '2030-12-11T17:00' },
    schedule = true,
  ) {
    const token = c.secretariat.token;
    const meeting = (
      await ok(
        t.gql<{ createMeeting: MeetingData }>(
          createMeeting({
            networkId: c.icglr,
            kind: 'REGIONAL_COMMITTEE',
            title: [{ language: 'fr', text: 'Réunion du Comité régional', status: 'ORIGINAL' }],
            ...when,
            timeZone: 'Africa/Dar_es_Salaam',
          }),
          { token },
        ),
      )
    ).createMeeting;
    await ok(t.gql(inviteToMeeting({ meetingId: meeting.id, roles }), { token }));
    const draft = await read(token, meeting.id);
    expect(draft.channelId).toBeNull();
    if (schedule) await ok(t.gql(meetingStep('scheduleMeeting', meeting.id, draft.version), { token }));
    return meeting.id;
  }

  async function read(token: string, meetingId: string): Promise<MeetingChannelData> {
    return (await ok(t.gql<{ meeting: MeetingChannelData }>(meetingChannelOps.meeting(meetingId), { token }))).meeting;
  }

  async function channelOf(token: string, meetingId: string): Promise<string> {
    const channelId = (await read(token, meetingId)).channelId;
    expect(channelId).toEqual(expect.any(String));
    return channelId as string;
  }

  /** What the person gets asking for the channel's history: its messages, or the error. */
  async function history(token: string, channelId: string) {
    const res = await t.gql<{ channelMessages: { totalCount: number; edges: { node: { body: string } }[] } }>(
      meetingChannelOps.channelMessages(channelId),
      { token, lang: 'fr' },
    );
    return res.body.errors
      ? answer(res.body.errors)
      : { bodies: res.body.data!.channelMessages.edges.map((e) => e.node.body) };
  }

  async function missingChannel(token: string) {
    return history(token, randomUUID());
  }

  async function kinds(token: string): Promise<string[]> {
    const data = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications({ first: 50 }), { token }),
    );
    return data.myNotifications.edges.map((e) => e.node.kind);
  }

  it('opens the channel at scheduling with exactly the invitees, and an uninvited person’s socket stops hearing it', async () => {
    const c = await committee();
    const meetingId = await scheduled(c);
    const channelId = await channelOf(c.fp.CG.token, meetingId);
    for (const fp of Object.values(c.fp)) {
      expect(await channelOf(fp.token, meetingId)).toBe(channelId);
      expect(await history(fp.token, channelId)).toEqual({ bodies: [] });
    }
    const mine = await ok(
      t.gql<{
        myChannels: { edges: { node: { canPost: boolean; channel: { id: string; kind: string; name: string } } }[] };
      }>(meetingChannelOps.myChannels(), { token: c.fp.KE.token }),
    );
    expect(mine.myChannels.edges.map((e) => e.node)).toContainEqual({
      canPost: true,
      channel: expect.objectContaining({ id: channelId, kind: 'MEETING', name: 'Réunion du Comité régional' }),
    });
    // Not invited: the secretariat that runs the meeting, the alternate, the observer. The meeting
    // itself is theirs to read, its channel is not (the same answer as a channel that does not exist).
    for (const outsider of [c.secretariat, c.altTZ, c.observer]) {
      expect((await read(outsider.token, meetingId)).channelId).toBeNull();
      expect(await history(outsider.token, channelId)).toEqual(await missingChannel(outsider.token));
    }

    const congo = await live(c.fp.CG.token);
    const kenya = await live(c.fp.KE.token);
    const tanzania = await live(c.fp.TZ.token);
    for (const socket of [congo, kenya, tanzania]) {
      expect(await socket.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    }
    const first = tanzania.next<Message>('message:new', (m) => m.clientId === 'cg-1');
    await congo.ack('message:send', { channelId, clientId: 'cg-1', body: 'Bienvenue' });
    await first;
    expect(kenya.received.some((r) => r.event === 'message:new')).toBe(true);

    const removed = kenya.next<{ channelId: string }>('channel:removed');
    await ok(t.gql(uninviteFromMeeting(meetingId, c.fp.KE.personId), { token: c.secretariat.token }));
    expect(await removed).toEqual({ channelId });
    const seen = kenya.received.length;
    const second = tanzania.next<Message>('message:new', (m) => m.clientId === 'cg-2');
    await congo.ack('message:send', { channelId, clientId: 'cg-2', body: 'Ordre du jour' });
    await second;
    // Kenya's own request is answered after anything the server sent it before: nothing of cg-2.
    const refused = await kenya.ack<ErrorAck>('channel:join', { channelId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(kenya.received.slice(seen).filter((r) => r.event === 'message:new')).toEqual([]);
    expect(await kenya.ack<ErrorAck>('message:send', { channelId, clientId: 'ke-1', body: 'Hello?' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await history(c.fp.KE.token, channelId)).toEqual(await missingChannel(c.fp.KE.token));
    expect((await read(c.fp.KE.token, meetingId)).channelId).toBeNull();
    expect(await history(c.fp.CG.token, channelId)).toEqual({ bodies: ['Ordre du jour', 'Bienvenue'] });

    // Invited again: back in the channel, with its history (history is for current members).
    await ok(t.gql(inviteToMeeting({ meetingId, personIds: [c.fp.KE.personId] }), { token: c.secretariat.token }));
    expect(await history(c.fp.KE.token, channelId)).toEqual({ bodies: ['Ordre du jour', 'Bienvenue'] });

    // The channel's members come from the invitations: the channel's own doors do not change them.
    await ok(
      t.gql(inviteToMeeting({ meetingId, personIds: [c.secretariat.personId] }), { token: c.secretariat.token }),
    );
    const direct = await t.gql(channelOps.removeMember(channelId, c.fp.CG.personId), {
      token: c.secretariat.token,
      lang: 'fr',
    });
    expect(answer(direct.body.errors)).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('Le canal d’une réunion suit sa réunion'),
    });
    const archive = await t.gql(channelOps.archive(channelId), { token: c.secretariat.token });
    expect(answer(archive.body.errors).code).toBe('CONFLICT');
    const made = await t.gql(channelOps.createChannel({ networkId: c.icglr, kind: 'MEETING', name: 'x' }), {
      token: c.secretariat.token,
    });
    expect(answer(made.body.errors).code).toBe('BAD_USER_INPUT');
  });

  it('swaps the focal point for the alternate when the invitation is delegated, and turns read-only on cancel', async () => {
    const c = await committee();
    const meetingId = await scheduled(c);
    const channelId = await channelOf(c.fp.TZ.token, meetingId);
    const tanzania = await live(c.fp.TZ.token);
    await tanzania.ack('channel:join', { channelId });
    const removed = tanzania.next<{ channelId: string }>('channel:removed');
    await ok(t.gql(delegateInvitation(meetingId), { token: c.fp.TZ.token }));
    expect(await removed).toEqual({ channelId });
    expect(await history(c.fp.TZ.token, channelId)).toEqual(await missingChannel(c.fp.TZ.token));
    expect(await history(c.altTZ.token, channelId)).toEqual({ bodies: [] });
    expect(await channelOf(c.altTZ.token, meetingId)).toBe(channelId);

    const alternate = await live(c.altTZ.token);
    await alternate.ack('channel:join', { channelId });
    await alternate.ack('message:send', { channelId, clientId: 'tz-1', body: 'La Tanzanie sera représentée' });

    const version = (await read(c.secretariat.token, meetingId)).version;
    const updated = alternate.next<{ id: string; archived: boolean }>('channel:updated');
    await ok(t.gql(meetingStep('cancelMeeting', meetingId, version), { token: c.secretariat.token }));
    expect(await updated).toMatchObject({ id: channelId, archived: true });
    const refused = await alternate.ack<ErrorAck>('message:send', { channelId, clientId: 'tz-2', body: 'Encore ?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Read-only, not gone: its members still read what was said.
    expect(await history(c.altTZ.token, channelId)).toEqual({ bodies: ['La Tanzanie sera représentée'] });
  });

  it('gives a joint meeting one channel with both sides, and nothing of it to another network', async () => {
    const lac = (await insertNetwork(t.dataSource, { defaultLanguage: 'es' })).id;
    const forum = (await insertNetwork(t.dataSource, { defaultLanguage: 'es' })).id;
    const gaamac = (await insertNetwork(t.dataSource, { defaultLanguage: 'en' })).id;
    await insertPartnership(t.dataSource, lac, forum);
    await insertPartnership(t.dataSource, lac, gaamac);
    const sec = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    const member = await signedInMember(t, { name: 'Red', networkId: lac, role: 'CIVIL_SOCIETY' });
    // The forum shares its member with partners: the network's secretariat may see, and so invite, them.
    const forumMember = await signedInMember(t, {
      name: 'Foro',
      networkId: forum,
      role: 'CIVIL_SOCIETY',
      visibility: 'PARTNERS',
    });
    const forumSec = await signedInMember(t, { name: 'Foro secretaría', networkId: forum, role: 'SECRETARIAT' });
    const outsider = await signedInMember(t, { name: 'GAAMAC', networkId: gaamac, role: 'CIVIL_SOCIETY' });
    const outsiderSec = await signedInMember(t, { name: 'GAAMAC sec', networkId: gaamac, role: 'SECRETARIAT' });
    const meeting = (
      await ok(
        t.gql<{ createMeeting: MeetingData }>(
          createMeeting({
            networkId: lac,
            kind: 'CONSULTATION',
            title: [{ language: 'es', text: 'Reunión conjunta con el Foro' }],
            start: '2030-03-28T09:00',
            end: '2030-03-30T18:00',
            timeZone: 'America/Argentina/Buenos_Aires',
            visibility: 'PARTNERS',
            partnerNetworkIds: [forum],
          }),
          { token: sec.token },
        ),
      )
    ).createMeeting;
    await ok(
      t.gql(
        inviteToMeeting({
          meetingId: meeting.id,
          roles: [
            { networkId: lac, role: 'CIVIL_SOCIETY' },
            { networkId: forum, role: 'CIVIL_SOCIETY' },
          ],
        }),
        { token: sec.token },
      ),
    );
    await ok(t.gql(meetingStep('scheduleMeeting', meeting.id, meeting.version), { token: sec.token }));
    const channelId = await channelOf(member.token, meeting.id);
    expect(await channelOf(forumMember.token, meeting.id)).toBe(channelId);

    const lacSide = await live(member.token);
    const forumSide = await live(forumMember.token);
    await lacSide.ack('channel:join', { channelId });
    expect(await forumSide.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    const heard = lacSide.next<Message>('message:new', (m) => m.clientId === 'foro-1');
    expect(
      await forumSide.ack('message:send', { channelId, clientId: 'foro-1', body: 'El Foro saluda a la Red' }),
    ).toMatchObject({ ok: true });
    expect((await heard).body).toBe('El Foro saluda a la Red');
    const forumChannels = await ok(
      t.gql<{
        myChannels: { edges: { node: { canPost: boolean; channel: { id: string; partnerNetworkIds: string[] } } }[] };
      }>(meetingChannelOps.myChannels(), { token: forumMember.token }),
    );
    expect(forumChannels.myChannels.edges.map((e) => e.node)).toContainEqual({
      canPost: true,
      channel: expect.objectContaining({ id: channelId, partnerNetworkIds: [forum] }),
    });

    // Another network (a partner of the owner that the meeting does not name), and the partner's own
    // secretariat, not invited: every read and write answers as for a channel that does not exist.
    for (const other of [outsider, outsiderSec, forumSec]) {
      expect(await history(other.token, channelId)).toEqual(await missingChannel(other.token));
      const socket = await live(other.token);
      const join = await socket.ack<ErrorAck>('channel:join', { channelId });
      expect(join).toEqual(await socket.ack<ErrorAck>('channel:join', { channelId: randomUUID() }));
      expect(join).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const send = await socket.ack<ErrorAck>('message:send', { channelId, clientId: 'x-1', body: 'hola' });
      expect(send).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      for (const op of [channelOps.removeMember(channelId, member.personId), channelOps.archive(channelId)]) {
        const res = await t.gql(op, { token: other.token, lang: 'fr' });
        expect(answer(res.body.errors)).toEqual(
          answer(
            (
              await t.gql(
                { ...op, variables: { ...op.variables, channelId: randomUUID() } },
                { token: other.token, lang: 'fr' },
              )
            ).body.errors,
          ),
        );
      }
    }
    expect(await history(member.token, channelId)).toEqual({ bodies: ['El Foro saluda a la Red'] });
  });

  it('keeps an invitation to all focal points current through designations and ended terms, and a delegated one survives', async () => {
    const c = await committee();
    const meetingId = await scheduled(c);
    const channelId = await channelOf(c.fp.KE.token, meetingId);
    const invitees = async () =>
      ((await read(c.secretariat.token, meetingId)).invitees ?? [])
        .map((i) => ({ personId: i.personId, viaRole: i.viaRole, delegatedFromPersonId: i.delegatedFromPersonId }))
        .sort((a, b) => a.personId.localeCompare(b.personId));
    const expected = (rows: { personId: string; viaRole: string | null; delegatedFromPersonId?: string | null }[]) =>
      rows.map((r) => ({ delegatedFromPersonId: null, ...r })).sort((a, b) => a.personId.localeCompare(b.personId));

    // Kenya hands its seat over: the new focal point is invited (and told, and in the channel); the
    // one whose term ended is not any more.
    const newKenya = await signedInMember(t, { name: 'New Kenya focal point', networkId: c.icglr, role: 'OBSERVER' });
    const kenyaSocket = await live(c.fp.KE.token);
    await kenyaSocket.ack('channel:join', { channelId });
    const kenyaRemoved = kenyaSocket.next<{ channelId: string }>('channel:removed');
    await ok(
      t.gql(designateFocalPoint({ networkId: c.icglr, memberState: 'KE', personId: newKenya.personId }), {
        token: c.secretariat.token,
      }),
    );
    expect(await kenyaRemoved).toEqual({ channelId });
    expect(await kinds(newKenya.token)).toContain('meetingInvitation');
    expect(await kinds(c.fp.KE.token)).toContain('meetingUninvited');
    expect(await channelOf(newKenya.token, meetingId)).toBe(channelId);
    expect(await history(c.fp.KE.token, channelId)).toEqual(await missingChannel(c.fp.KE.token));

    // Tanzania delegated to its alternate; a new focal point of Tanzania then takes the seat: the
    // alternate keeps the delegated invitation, and the state gets no second one.
    await ok(t.gql(delegateInvitation(meetingId), { token: c.fp.TZ.token }));
    const newTanzania = await signedInMember(t, { name: 'Mratibu mpya', networkId: c.icglr, role: 'OBSERVER' });
    await ok(
      t.gql(designateFocalPoint({ networkId: c.icglr, memberState: 'TZ', personId: newTanzania.personId }), {
        token: c.secretariat.token,
      }),
    );
    // Uganda's term ends with no successor: Uganda's focal point is no longer invited.
    await ok(t.gql(endMembership({ id: c.fp.UG.membershipId }), { token: c.secretariat.token }));

    expect(await invitees()).toEqual(
      expected([
        { personId: c.fp.CG.personId, viaRole: 'FOCAL_POINT' },
        { personId: newKenya.personId, viaRole: 'FOCAL_POINT' },
        { personId: c.altTZ.personId, viaRole: null, delegatedFromPersonId: c.fp.TZ.personId },
      ]),
    );
    expect(await history(c.altTZ.token, channelId)).toEqual({ bodies: [] });
    for (const gone of [c.fp.UG, c.fp.TZ, newTanzania]) {
      expect(await history(gone.token, channelId)).toEqual(await missingChannel(gone.token));
    }
    expect(await kinds(newTanzania.token)).not.toContain('meetingInvitation');
    expect(await kinds(c.altTZ.token)).not.toContain('meetingUninvited');

    // Audited on the meeting, by whoever changed the terms; the channel's own changes on the channel.
    type Entry = { action: string; after: string | null; actor: { id: string } | null };
    const entries = async (entityType: string, entityId: string) =>
      (
        await ok(
          t.gql<{ auditLog: { edges: { node: Entry }[] } }>(
            auditLog({ networkId: c.icglr, entityType, entityId, first: 100 }),
            {
              token: c.secretariat.token,
            },
          ),
        )
      ).auditLog.edges.map((e) => ({ ...e.node, after: e.node.after ? (JSON.parse(e.node.after) as unknown) : null }));
    // Newest first; Tanzania's new focal point changed nothing (the alternate holds the state's invitation).
    expect((await entries('meeting', meetingId)).filter((e) => e.action === 'keepRoleInvitations')).toEqual([
      expect.objectContaining({ after: { networkId: c.icglr, added: [], removed: [c.fp.UG.personId] } }),
      expect.objectContaining({
        actor: expect.objectContaining({ id: c.secretariat.personId }),
        after: { networkId: c.icglr, added: [newKenya.personId], removed: [c.fp.KE.personId] },
      }),
    ]);
    expect((await entries('channel', channelId)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'addMember', 'removeMember']),
    );

    // Each one's personal-data export: the organiser's role invitation, the new focal point's
    // invitation with the meeting's channel.
    const exported = async (token: string) =>
      JSON.parse((await ok(t.gql<{ myPersonalData: string }>(myPersonalData, { token }))).myPersonalData) as Record<
        string,
        unknown[]
      >;
    expect((await exported(c.secretariat.token)).meetingRoleInvitationsSent).toEqual([
      expect.objectContaining({ meetingId, networkId: c.icglr, role: 'FOCAL_POINT' }),
    ]);
    expect((await exported(newKenya.token)).meetingInvitations).toEqual([
      expect.objectContaining({ meetingId, viaRole: 'FOCAL_POINT', channelId }),
    ]);
  });

  it('changes a draft’s role invitations silently, and leaves a meeting already under way as it is', async () => {
    const c = await committee();
    const draftId = await scheduled(c, undefined, undefined, false);
    const pastId = await scheduled(c, undefined, { start: '2011-12-10T09:00', end: '2011-12-11T17:00' });
    const invited = async (meetingId: string) =>
      ((await read(c.secretariat.token, meetingId)).invitees ?? []).map((i) => i.personId).sort();
    const before = await invited(pastId);
    const newKenya = await signedInMember(t, { name: 'Kenya successor', networkId: c.icglr, role: 'OBSERVER' });
    await ok(
      t.gql(designateFocalPoint({ networkId: c.icglr, memberState: 'KE', personId: newKenya.personId }), {
        token: c.secretariat.token,
      }),
    );
    expect(await invited(draftId)).toEqual(
      [c.fp.CG.personId, newKenya.personId, c.fp.TZ.personId, c.fp.UG.personId].sort(),
    );
    expect(await invited(pastId)).toEqual(before);
    // Nobody hears of a draft (the one they were taken out of, or put in).
    expect(await kinds(newKenya.token)).not.toContain('meetingInvitation');
    expect(await kinds(c.fp.KE.token)).not.toContain('meetingUninvited');
    // Scheduling it then opens its channel with the current holders.
    const version = (await read(c.secretariat.token, draftId)).version;
    await ok(t.gql(meetingStep('scheduleMeeting', draftId, version), { token: c.secretariat.token }));
    const channelId = await channelOf(newKenya.token, draftId);
    expect(await history(c.fp.KE.token, channelId)).toEqual(await missingChannel(c.fp.KE.token));
  });
});
