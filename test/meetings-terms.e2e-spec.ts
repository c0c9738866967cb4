import { RoleInvitationService } from '@enlace/meetings';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import { designateFocalPoint, erasePerson } from './support/directory.operations';
import { connectLive, LiveClient } from './support/live';
import { MeetingChannelData, meetingChannelOps } from './support/meeting-channel.operations';
import { createMeeting, inviteToMeeting, MeetingData, meetingStep, updateMeeting } from './support/meetings.operations';
import { signedInMember } from './support/members';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

interface MyChannels {
  myChannels: { edges: { node: { channel: { id: string; kind: string; name: string } } }[] };
}

/**
 * What meet-channel left open (decision 0019, amended): terms dated for a later day change the
 * invitations on that day (the daily `role-invitations` job), erasure takes a person out of the
 * meetings still ahead and their channels, and a renamed meeting renames its channel.
 */
describe('meetings kept in step with terms, erasure and renaming', () => {
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

  /** A network with Kenya's and Tanzania's focal points, its secretariat, and an observer. */
  async function committee() {
    const icglr = (await insertNetwork(t.dataSource, { defaultLanguage: 'fr' })).id;
    for (const code of ['KE', 'TZ']) await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Secrétariat', networkId: icglr, role: 'SECRETARIAT' });
    const kenya = await signedInMember(t, {
      name: 'Kenya focal point',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'KE',
    });
    const tanzania = await signedInMember(t, {
      name: 'Mratibu Tanzania',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'TZ',
    });
    const observer = await signedInMember(t, {
      name: 'Observatrice',
      networkId: icglr,
      role: 'OBSERVER',
      preferredLanguage: 'fr',
    });
    return { icglr, secretariat, kenya, tanzania, observer };
  }
  type Committee = Awaited<ReturnType<typeof committee>>;

  /** A meeting in December 2030 inviting all focal points (and `personIds` by name), scheduled unless told. */
  async function meeting(c: Committee, personIds: string[] = [], schedule = true): Promise<MeetingData> {
    const token = c.secretariat.token;
    const created = (
      await ok(
        t.gql<{ createMeeting: MeetingData }>(
          createMeeting({
            networkId: c.icglr,
            kind: 'REGIONAL_COMMITTEE',
            title: [{ language: 'fr', text: 'Comité régional', status: 'ORIGINAL' }],
            start: '2030-12-10T09:00',
            end: '2030-12-11T17:00',
            timeZone: 'Africa/Nairobi',
          }),
          { token },
        ),
      )
    ).createMeeting;
    await ok(
      t.gql(
        inviteToMeeting({
          meetingId: created.id,
          roles: [{ networkId: c.icglr, role: 'FOCAL_POINT' }],
          ...(personIds.length > 0 ? { personIds } : {}),
        }),
        { token },
      ),
    );
    if (!schedule) return created;
    const draft = await read(token, created.id);
    return (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', created.id, draft.version), { token }),
      )
    ).scheduleMeeting;
  }

  async function read(token: string, meetingId: string): Promise<MeetingChannelData> {
    return (await ok(t.gql<{ meeting: MeetingChannelData }>(meetingChannelOps.meeting(meetingId), { token }))).meeting;
  }

  async function invitees(c: Committee, meetingId: string): Promise<string[]> {
    return ((await read(c.secretariat.token, meetingId)).invitees ?? []).map((i) => i.personId).sort();
  }

  async function channels(token: string): Promise<{ id: string; name: string }[]> {
    const data = await ok(t.gql<MyChannels>(meetingChannelOps.myChannels(), { token }));
    return data.myChannels.edges.map((e) => e.node.channel).filter((ch) => ch.kind === 'MEETING');
  }

  async function notices(token: string): Promise<NotificationData[]> {
    const data = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications({ first: 50 }), { token }),
    );
    return data.myNotifications.edges.map((e) => e.node);
  }

  it('brings a focal point designated for tomorrow in on that day, and the one they succeed out', async () => {
    const c = await committee();
    const scheduled = await meeting(c);
    const draft = await meeting(c, [], false);
    const channelId = (await read(c.kenya.token, scheduled.id)).channelId;
    const [{ tomorrow }] = (await t.dataSource.query(`SELECT CAST(current_date + 1 AS text) AS tomorrow`)) as {
      tomorrow: string;
    }[];

    // Today the observer is designated Kenya's focal point from tomorrow: nothing changes yet.
    await ok(
      t.gql(
        designateFocalPoint({
          networkId: c.icglr,
          memberState: 'KE',
          personId: c.observer.personId,
          startsOn: tomorrow,
        }),
        { token: c.secretariat.token },
      ),
    );
    expect(await invitees(c, scheduled.id)).toEqual([c.kenya.personId, c.tanzania.personId].sort());
    expect(await channels(c.observer.token)).toEqual([]);

    // Tomorrow, the daily job (as the worker runs it at 00:05 UTC; here its slot is set to tomorrow).
    const [{ at }] = (await t.dataSource.query(
      `SELECT CAST(CAST(current_date + 1 AS timestamp) + interval '12 hours' AS timestamptz) AS at`,
    )) as { at: Date }[];
    const kenyaSocket = await connectLive(t.url, c.kenya.token);
    clients.push(kenyaSocket);
    expect(await kenyaSocket.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    const removed = kenyaSocket.next<{ channelId: string }>('channel:removed');
    const outcome = await t.app.get(RoleInvitationService, { strict: false }).keepTermsOfDay(at);
    expect(outcome).toEqual({ networks: 1, meetings: 2, added: 2, removed: 2 });
    expect(await removed).toEqual({ channelId });

    expect(await invitees(c, scheduled.id)).toEqual([c.observer.personId, c.tanzania.personId].sort());
    expect(await invitees(c, draft.id)).toEqual([c.observer.personId, c.tanzania.personId].sort());
    expect(await channels(c.observer.token)).toEqual([expect.objectContaining({ id: channelId })]);
    expect(await channels(c.kenya.token)).toEqual([]);
    // Told of the scheduled meeting only, in their language; the draft changed silently.
    const told = (await notices(c.observer.token)).filter((n) => n.kind === 'meetingInvitation');
    expect(told).toEqual([expect.objectContaining({ subjectId: scheduled.id, language: 'fr' })]);
    expect(told[0].body).toContain('Comité régional');
    const gone = (await notices(c.kenya.token)).filter((n) => n.kind === 'meetingUninvited');
    expect(gone.map((n) => n.subjectId)).toEqual([scheduled.id]);
  });

  it('takes an erased person out of the meetings still ahead and their channels, telling nobody', async () => {
    const c = await committee();
    const admin = await signedInMember(t, { name: 'Admin', isAdmin: true });
    // Kenya is invited by role to one meeting and by name (as well) to another; Tanzania stays.
    const byRole = await meeting(c);
    const byName = await meeting(c, [c.kenya.personId, c.observer.personId]);
    const channelId = (await read(c.tanzania.token, byName.id)).channelId as string;
    const before = await notices(c.tanzania.token);

    await ok(t.gql(erasePerson(c.kenya.personId), { token: admin.token }));

    expect(await invitees(c, byRole.id)).toEqual([c.tanzania.personId]);
    expect(await invitees(c, byName.id)).toEqual([c.observer.personId, c.tanzania.personId].sort());
    const members = (await t.dataSource.query(
      `SELECT person_id FROM channel_member WHERE channel_id = $1 ORDER BY person_id`,
      [channelId],
    )) as { person_id: string }[];
    expect(members.map((m) => m.person_id)).toEqual([c.observer.personId, c.tanzania.personId].sort());
    // Nobody hears of it: not the erased person (whose notices would go nowhere), not the others.
    const toErased = (await t.dataSource.query(
      `SELECT kind FROM notification WHERE person_id = $1 AND kind = 'meetingUninvited'`,
      [c.kenya.personId],
    )) as unknown[];
    expect(toErased).toEqual([]);
    expect(await notices(c.tanzania.token)).toEqual(before);
    // In each meeting's audit, by the administrator who erased them.
    const audit = (await t.dataSource.query(
      `SELECT entity_id, actor_person_id, after FROM audit_log
        WHERE entity_type = 'meeting' AND action = 'uninviteErased' ORDER BY entity_id`,
    )) as { entity_id: string; actor_person_id: string; after: { removed: string[] } }[];
    expect(audit).toEqual(
      [byRole.id, byName.id].sort().map((id) => ({
        entity_id: id,
        actor_person_id: admin.personId,
        after: { removed: [c.kenya.personId] },
      })),
    );
  });

  it('renames the channel with the meeting', async () => {
    const c = await committee();
    const scheduled = await meeting(c);
    const channelId = (await read(c.kenya.token, scheduled.id)).channelId as string;
    expect(await channels(c.kenya.token)).toEqual([
      expect.objectContaining({ id: channelId, name: 'Comité régional' }),
    ]);
    const socket = await connectLive(t.url, c.kenya.token);
    clients.push(socket);
    expect(await socket.ack('channel:join', { channelId })).toMatchObject({ ok: true });
    const updated = socket.next<{ id: string; name: string }>('channel:updated');

    await ok(
      t.gql(
        updateMeeting({
          meetingId: scheduled.id,
          expectedVersion: (await read(c.secretariat.token, scheduled.id)).version,
          title: [{ language: 'fr', text: 'Comité régional extraordinaire', status: 'ORIGINAL' }],
        }),
        { token: c.secretariat.token },
      ),
    );
    expect(await updated).toMatchObject({ id: channelId, name: 'Comité régional extraordinaire' });
    expect(await channels(c.tanzania.token)).toEqual([
      expect.objectContaining({ id: channelId, name: 'Comité régional extraordinaire' }),
    ]);
    // An edit that leaves the title alone leaves the channel's name (and its moderators' choice) alone.
    await ok(
      t.gql(
        updateMeeting({
          meetingId: scheduled.id,
          expectedVersion: (await read(c.secretariat.token, scheduled.id)).version,
          place: 'Nairobi',
        }),
        { token: c.secretariat.token },
      ),
    );
    const renames = (await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'channel' AND entity_id = $1 AND action = 'update'`,
      [channelId],
    )) as unknown[];
    expect(renames).toEqual([
      { before: { name: 'Comité régional' }, after: { name: 'Comité régional extraordinaire' } },
    ]);
  });
});
