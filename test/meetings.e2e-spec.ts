import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DigestService, EmailDeliveryService } from '@enlace/notifications';
import { insertMemberState, insertMembership, insertNetwork, insertPartnership } from '@enlace/testing';
import {
  createMeeting,
  inviteToMeeting,
  MeetingData,
  meetingById,
  meetingsList,
  meetingStep,
  respondToMeeting,
  rescheduleMeeting,
  uninviteFromMeeting,
  updateMeeting,
} from './support/meetings.operations';
import { signedInMember } from './support/members';
import { myNotifications, NotificationData, setNotificationPreference } from './support/notifications.operations';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

type Errors = GraphqlResponse['body']['errors'];

describe('meetings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  /** The ICGLR Regional Committee with four member states, its secretariat and focal points. */
  async function committee() {
    const icglr = (await insertNetwork(t.dataSource, { defaultLanguage: 'fr', workingLanguages: ['fr', 'en'] })).id;
    for (const code of ['CG', 'KE', 'TZ', 'UG'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Sécretariat CIRGL', networkId: icglr, role: 'SECRETARIAT' });
    const fp = {
      CG: await signedInMember(t, {
        name: 'Point focal Congo',
        networkId: icglr,
        role: 'FOCAL_POINT',
        memberState: 'CG',
        preferredLanguage: 'fr',
      }),
      KE: await signedInMember(t, {
        name: 'Kenya focal point',
        networkId: icglr,
        role: 'FOCAL_POINT',
        memberState: 'KE',
      }),
      TZ: await signedInMember(t, {
        name: 'Mratibu Tanzania',
        networkId: icglr,
        role: 'FOCAL_POINT',
        memberState: 'TZ',
        preferredLanguage: 'en',
      }),
      UG: await signedInMember(t, {
        name: 'Uganda focal point',
        networkId: icglr,
        role: 'FOCAL_POINT',
        memberState: 'UG',
      }),
    };
    const observer = await signedInMember(t, { name: 'Observer', networkId: icglr, role: 'OBSERVER' });
    return { icglr, secretariat, fp, observer };
  }

  const brazzaville = (networkId: string, extra: Record<string, unknown> = {}) => ({
    networkId,
    kind: 'REGIONAL_COMMITTEE',
    title: [
      { language: 'fr', text: 'Première réunion du Comité régional', status: 'ORIGINAL' },
      { language: 'en', text: 'First meeting of the Regional Committee' },
    ],
    start: '2011-05-25T10:00',
    end: '2011-05-26T17:00',
    timeZone: 'Africa/Brazzaville',
    place: 'Brazzaville',
    languages: ['fr', 'en'],
    interpretation: ['fr', 'en'],
    hosts: [{ countryCode: 'CG', role: 'HOST' }],
    ...extra,
  });

  async function created(token: string, input: Record<string, unknown>): Promise<MeetingData> {
    const res = await t.gql<{ createMeeting: MeetingData }>(createMeeting(input), { token });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createMeeting;
  }

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  function notFoundLike(errors: Errors) {
    return {
      code: errors?.[0]?.extensions.code,
      message: errors?.[0]?.message,
      fields: errors?.[0]?.extensions.fields,
    };
  }

  it('keeps the local time the chair announced in the meeting’s zone, and serves the title in the reader’s language', async () => {
    const { icglr, secretariat } = await committee();
    const meeting = await created(secretariat.token, brazzaville(icglr));
    expect(meeting).toMatchObject({
      status: 'DRAFT',
      start: '2011-05-25T10:00',
      end: '2011-05-26T17:00',
      startsAt: '2011-05-25T09:00:00.000Z',
      timeZone: 'Africa/Brazzaville',
      hosts: [{ countryCode: 'CG', role: 'HOST' }],
      version: 1,
      sequence: 0,
    });
    const fr = await t.gql<{ meeting: MeetingData }>(meetingById(meeting.id), { token: secretariat.token, lang: 'fr' });
    expect(fr.body.data?.meeting.title).toEqual({
      text: 'Première réunion du Comité régional',
      language: 'fr',
      status: 'ORIGINAL',
    });
    // Correcting the zone of a draft keeps the local times the chair announced.
    const corrected = await t.gql<{ updateMeeting: MeetingData }>(
      updateMeeting({ meetingId: meeting.id, expectedVersion: meeting.version, timeZone: 'Africa/Kinshasa' }),
      { token: secretariat.token },
    );
    expect(corrected.body.data?.updateMeeting).toMatchObject({
      start: '2011-05-25T10:00',
      timeZone: 'Africa/Kinshasa',
      startsAt: '2011-05-25T09:00:00.000Z',
      version: 2,
    });
    const kolkata = await t.gql<{ updateMeeting: MeetingData }>(
      updateMeeting({ meetingId: meeting.id, expectedVersion: 2, timeZone: 'Asia/Kolkata' }),
      { token: secretariat.token },
    );
    expect(kolkata.body.data?.updateMeeting).toMatchObject({
      start: '2011-05-25T10:00',
      startsAt: '2011-05-25T04:30:00.000Z',
    });
    const pt = await t.gql<{ meeting: MeetingData }>(meetingById(meeting.id), { token: secretariat.token, lang: 'pt' });
    // No Portuguese: the network's default language (French), not the English translation.
    expect(pt.body.data?.meeting.title.language).toBe('fr');
  });

  it('refuses bad schedules with one localised message per field, and writes nothing', async () => {
    const { icglr, secretariat } = await committee();
    const res = await t.gql(
      createMeeting(
        brazzaville(icglr, {
          start: '2011-05-26T10:00',
          end: '2011-05-25T10:00',
          onlineUrl: 'javascript:alert(1)',
          hosts: [{ countryCode: 'FR', role: 'HOST' }],
        }),
      ),
      { token: secretariat.token, lang: 'fr' },
    );
    expect(res.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.extensions.fields).toEqual([
      { field: 'end', message: 'La fin doit venir après le début.' },
      { field: 'onlineUrl', message: 'Indiquez une adresse web complète commençant par https:// (ou http://).' },
    ]);
    const zone = await t.gql(createMeeting(brazzaville(icglr, { timeZone: 'Africa/Atlantis' })), {
      token: secretariat.token,
      lang: 'es',
    });
    expect(zone.body.errors?.[0]?.extensions.fields).toEqual([
      { field: 'timeZone', message: expect.stringContaining('«Africa/Atlantis» no es una zona horaria IANA') },
    ]);
    const long = await t.gql(createMeeting(brazzaville(icglr, { end: '2011-07-04T17:00' })), {
      token: secretariat.token,
    });
    expect(long.body.errors?.[0]?.extensions.fields).toEqual([
      { field: 'end', message: 'A meeting can last at most 14 days.' },
    ]);
    const host = await t.gql(createMeeting(brazzaville(icglr, { hosts: [{ countryCode: 'FR', role: 'HOST' }] })), {
      token: secretariat.token,
    });
    expect(host.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('hosts');
    const list = await ok(
      t.gql<{ meetings: { totalCount: number } }>(meetingsList({ networkId: icglr }), { token: secretariat.token }),
    );
    expect(list.meetings.totalCount).toBe(0);
  });

  it('walks the lifecycle, names the allowed steps of an illegal one, and tells invitees in their language', async () => {
    const { icglr, secretariat, fp } = await committee();
    let meeting = await created(secretariat.token, brazzaville(icglr, { visibility: 'NETWORK' }));

    const illegal = await t.gql(meetingStep('markMeetingHeld', meeting.id, meeting.version), {
      token: secretariat.token,
      lang: 'es',
    });
    expect(illegal.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'status',
          message:
            'Esta reunión es un borrador y no puede pasar a celebrada; desde aquí solo puede convocarse o cancelarse.',
        },
      ],
    });

    const invited = await ok(
      t.gql<{ inviteToMeeting: { added: number; meeting: MeetingData } }>(
        inviteToMeeting({ meetingId: meeting.id, roles: [{ networkId: icglr, role: 'FOCAL_POINT' }] }),
        { token: secretariat.token },
      ),
    );
    expect(invited.inviteToMeeting.added).toBe(4);
    expect(invited.inviteToMeeting.meeting.invitees?.map((i) => i.viaRole)).toEqual(Array(4).fill('FOCAL_POINT'));
    // A draft is the organisers' own: an invitee does not see it yet, and hears nothing.
    expect((await t.gql(meetingById(meeting.id), { token: fp.CG.token })).body.errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );

    meeting = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(
          meetingStep('scheduleMeeting', meeting.id, invited.inviteToMeeting.meeting.version),
          { token: secretariat.token },
        ),
      )
    ).scheduleMeeting;
    expect(meeting.status).toBe('SCHEDULED');
    const congo = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: fp.CG.token }),
    );
    expect(congo.myNotifications.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'meetingScheduled',
        subjectType: 'meeting',
        subjectId: meeting.id,
        language: 'fr',
        title: 'Réunion convoquée : Première réunion du Comité régional',
        body: expect.stringContaining('25 mai 2011'),
      }),
    ]);
    const tanzania = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: fp.TZ.token }),
    );
    expect(tanzania.myNotifications.edges[0].node.title).toBe(
      'Meeting scheduled: First meeting of the Regional Committee',
    );
    expect(tanzania.myNotifications.edges[0].node.body).toContain('10:00');

    // A stale version is a conflict, and changes nothing.
    const stale = await t.gql(
      rescheduleMeeting({
        meetingId: meeting.id,
        expectedVersion: 1,
        start: '2011-05-27T10:00',
        end: '2011-05-27T17:00',
      }),
      { token: secretariat.token },
    );
    expect(stale.body.errors?.[0]?.extensions.code).toBe('CONFLICT');

    const moved = (
      await ok(
        t.gql<{ rescheduleMeeting: MeetingData }>(
          rescheduleMeeting({
            meetingId: meeting.id,
            expectedVersion: meeting.version,
            start: '2011-05-27T09:30',
            end: '2011-05-28T13:00',
          }),
          { token: secretariat.token },
        ),
      )
    ).rescheduleMeeting;
    expect(moved).toMatchObject({
      start: '2011-05-27T09:30',
      startsAt: '2011-05-27T08:30:00.000Z',
      sequence: meeting.sequence + 1,
    });
    const dates = await t.gql(
      updateMeeting({ meetingId: moved.id, expectedVersion: moved.version, start: '2011-06-01T10:00' }),
      { token: secretariat.token },
    );
    expect(dates.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('start');

    // The invitee answers; the organisers read the answers, an observer reads only the counts.
    const answered = (
      await ok(
        t.gql<{ respondToMeetingInvitation: MeetingData }>(respondToMeeting(moved.id, 'ACCEPTED'), {
          token: fp.KE.token,
        }),
      )
    ).respondToMeetingInvitation;
    expect(answered.myResponse).toBe('ACCEPTED');
    expect(answered.rsvp).toEqual({ invited: 4, accepted: 1, declined: 0, tentative: 0, pending: 3 });
    const twice = await t.gql(respondToMeeting(moved.id, 'ACCEPTED'), { token: fp.KE.token });
    expect(twice.body.errors?.[0]?.extensions.code).toBe('CONFLICT');

    const held = (
      await ok(
        t.gql<{ markMeetingHeld: MeetingData }>(meetingStep('markMeetingHeld', moved.id, answered.version), {
          token: secretariat.token,
        }),
      )
    ).markMeetingHeld;
    const closed = (
      await ok(
        t.gql<{ closeMeeting: MeetingData }>(meetingStep('closeMeeting', held.id, held.version), {
          token: secretariat.token,
        }),
      )
    ).closeMeeting;
    expect(closed.status).toBe('CLOSED');
    const final = await t.gql(meetingStep('cancelMeeting', closed.id, closed.version), { token: secretariat.token });
    expect(final.body.errors?.[0]?.extensions.fields?.[0]?.message).toBe(
      'This meeting is closed and cannot become cancelled; from here it can only be nothing else: a closed meeting is final.',
    );
    const late = await t.gql(respondToMeeting(closed.id, 'DECLINED'), { token: fp.UG.token });
    expect(late.body.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('tells invitees of a cancellation, but not of a cancelled draft', async () => {
    const { icglr, secretariat, fp } = await committee();
    const draft = await created(secretariat.token, brazzaville(icglr));
    const inv = await ok(
      t.gql<{ inviteToMeeting: { meeting: MeetingData } }>(
        inviteToMeeting({ meetingId: draft.id, personIds: [fp.UG.personId] }),
        { token: secretariat.token },
      ),
    );
    await ok(
      t.gql(meetingStep('cancelMeeting', draft.id, inv.inviteToMeeting.meeting.version), { token: secretariat.token }),
    );
    const none = await ok(t.gql<{ myNotifications: { edges: unknown[] } }>(myNotifications(), { token: fp.UG.token }));
    expect(none.myNotifications.edges).toEqual([]);

    const other = await created(
      secretariat.token,
      brazzaville(icglr, { start: '2011-12-10T09:00', end: '2011-12-11T18:00', timeZone: 'Africa/Dar_es_Salaam' }),
    );
    const scheduled = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', other.id, other.version), {
          token: secretariat.token,
        }),
      )
    ).scheduleMeeting;
    // Invited once scheduled: told at once.
    await ok(
      t.gql<{ inviteToMeeting: { meeting: MeetingData } }>(
        inviteToMeeting({ meetingId: other.id, personIds: [fp.UG.personId] }),
        { token: secretariat.token },
      ),
    );
    // Invited, then uninvited while scheduled: told both, in their language.
    await ok(
      t.gql(inviteToMeeting({ meetingId: other.id, personIds: [fp.CG.personId] }), { token: secretariat.token }),
    );
    const uninvited = await ok(
      t.gql<{ uninviteFromMeeting: MeetingData }>(uninviteFromMeeting(other.id, fp.CG.personId), {
        token: secretariat.token,
      }),
    );
    const congo = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: fp.CG.token }),
    );
    expect(congo.myNotifications.edges.map((e) => [e.node.kind, e.node.language])).toEqual([
      ['meetingUninvited', 'fr'],
      ['meetingInvitation', 'fr'],
    ]);
    await ok(
      t.gql(meetingStep('cancelMeeting', scheduled.id, uninvited.uninviteFromMeeting.version), {
        token: secretariat.token,
      }),
    );
    const heard = await ok(
      t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: fp.UG.token }),
    );
    expect(heard.myNotifications.edges.map((e) => e.node.kind)).toEqual(['meetingCancelled', 'meetingInvitation']);
  });

  it('shows each network only what is shared: joint meetings, drafts, other networks’ ids', async () => {
    const lac = (await insertNetwork(t.dataSource, { defaultLanguage: 'es' })).id;
    const forum = (await insertNetwork(t.dataSource, { kind: 'CIVIL_SOCIETY', defaultLanguage: 'es' })).id;
    const gaamac = (await insertNetwork(t.dataSource)).id;
    await insertPartnership(t.dataSource, lac, forum);
    await insertPartnership(t.dataSource, lac, gaamac);
    const sec = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    const member = await signedInMember(t, { name: 'Punto focal', networkId: lac, role: 'CIVIL_SOCIETY' });
    const forumMember = await signedInMember(t, { name: 'Foro', networkId: forum, role: 'CIVIL_SOCIETY' });
    const gaamacMember = await signedInMember(t, { name: 'GAAMAC', networkId: gaamac, role: 'CIVIL_SOCIETY' });
    const forumSec = await signedInMember(t, { name: 'Foro secretaría', networkId: forum, role: 'SECRETARIAT' });
    const base = {
      networkId: lac,
      kind: 'CONSULTATION',
      title: [{ language: 'es', text: 'Reunión conjunta con el Foro' }],
      start: '2012-03-28T09:00',
      end: '2012-03-30T18:00',
      timeZone: 'America/Argentina/Buenos_Aires',
    };
    const jointNetwork = await t.gql(createMeeting({ ...base, partnerNetworkIds: [forum] }), {
      token: sec.token,
      lang: 'es',
    });
    expect(jointNetwork.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('visibility');
    const notPartner = await t.gql(
      createMeeting({ ...base, visibility: 'PARTNERS', partnerNetworkIds: [randomUUID()] }),
      { token: sec.token },
    );
    expect(notPartner.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('partnerNetworkIds');

    const joint = await created(sec.token, { ...base, visibility: 'PARTNERS', partnerNetworkIds: [forum] });
    const internal = await created(sec.token, {
      ...base,
      visibility: 'NETWORK',
      title: [{ language: 'es', text: 'Interna' }],
    });
    for (const m of [joint, internal]) {
      const current = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(m.id), { token: sec.token }))).meeting;
      await ok(t.gql(meetingStep('scheduleMeeting', m.id, current.version), { token: sec.token }));
    }
    const draft = await created(sec.token, {
      ...base,
      visibility: 'PUBLIC',
      title: [{ language: 'es', text: 'Borrador' }],
    });

    const titles = async (token: string) =>
      (
        await ok(
          t.gql<{ meetings: { totalCount: number; edges: { node: MeetingData }[] } }>(
            meetingsList({ networkId: lac }),
            { token },
          ),
        )
      ).meetings;
    expect((await titles(sec.token)).totalCount).toBe(3);
    expect((await titles(member.token)).edges.map((e) => e.node.title.text).sort()).toEqual([
      'Interna',
      'Reunión conjunta con el Foro',
    ]);
    const forumView = await titles(forumMember.token);
    expect(forumView.edges.map((e) => e.node.title.text)).toEqual(['Reunión conjunta con el Foro']);
    expect(forumView.totalCount).toBe(1);
    // A partner of the owner that the joint meeting does not name sees nothing of it.
    expect((await titles(gaamacMember.token)).totalCount).toBe(0);
    expect(forumView.edges[0].node.invitees).toBeNull();

    // Hidden = missing: the same answer for another network's meeting and for a random id.
    const missing = await t.gql(meetingById(randomUUID()), { token: gaamacMember.token, lang: 'fr' });
    for (const id of [joint.id, internal.id, draft.id]) {
      const hidden = await t.gql(meetingById(id), { token: gaamacMember.token, lang: 'fr' });
      expect(notFoundLike(hidden.body.errors)).toEqual(notFoundLike(missing.body.errors));
    }

    // Every mutation with another network's meeting: the partner forum's secretariat reads the joint
    // meeting but may not run it (FORBIDDEN); GAAMAC's gets exactly the missing-id answer.
    const writes = (id: string, version: number) => [
      updateMeeting({ meetingId: id, expectedVersion: version, place: 'Lima' }),
      meetingStep('scheduleMeeting', id, version),
      meetingStep('cancelMeeting', id, version),
      meetingStep('markMeetingHeld', id, version),
      meetingStep('closeMeeting', id, version),
      rescheduleMeeting({
        meetingId: id,
        expectedVersion: version,
        start: '2012-04-01T09:00',
        end: '2012-04-01T12:00',
      }),
      inviteToMeeting({ meetingId: id, personIds: [forumMember.personId] }),
      uninviteFromMeeting(id, member.personId),
      respondToMeeting(id, 'ACCEPTED'),
    ];
    const gaamacSec = await signedInMember(t, { name: 'GAAMAC sec', networkId: gaamac, role: 'SECRETARIAT' });
    const missingWrites = writes(randomUUID(), 2);
    for (const id of [joint.id, internal.id, draft.id]) {
      const ops = writes(id, 2);
      for (let i = 0; i < ops.length; i++) {
        const hidden = await t.gql(ops[i], { token: gaamacSec.token });
        const none = await t.gql(missingWrites[i], { token: gaamacSec.token });
        expect({ i, ...notFoundLike(hidden.body.errors) }).toEqual({ i, ...notFoundLike(none.body.errors) });
      }
    }
    const forbidden = await t.gql(updateMeeting({ meetingId: joint.id, expectedVersion: 2, place: 'Lima' }), {
      token: forumSec.token,
    });
    expect(forbidden.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // Creating in another network: the same as a network that does not exist.
    const foreign = await t.gql(createMeeting({ ...base, networkId: lac }), { token: gaamacSec.token });
    const nowhere = await t.gql(createMeeting({ ...base, networkId: randomUUID() }), { token: gaamacSec.token });
    expect(notFoundLike(foreign.body.errors)).toEqual(notFoundLike(nowhere.body.errors));
    const unchanged = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(joint.id), { token: sec.token }))).meeting;
    expect(unchanged).toMatchObject({ status: 'SCHEDULED', version: 2, place: null, rsvp: { invited: 0 } });
  });

  it('invites only people the organiser may see in the networks the meeting involves', async () => {
    const { icglr, secretariat, fp } = await committee();
    const elsewhere = (await insertNetwork(t.dataSource, { visibility: 'RESTRICTED' })).id;
    const stranger = await signedInMember(t, { name: 'Hidden official', networkId: elsewhere, role: 'CIVIL_SOCIETY' });
    const meeting = await created(secretariat.token, brazzaville(icglr));
    const hidden = await t.gql(inviteToMeeting({ meetingId: meeting.id, personIds: [stranger.personId] }), {
      token: secretariat.token,
    });
    const random = await t.gql(inviteToMeeting({ meetingId: meeting.id, personIds: [randomUUID()] }), {
      token: secretariat.token,
    });
    expect(hidden.body.errors?.[0]?.extensions).toEqual(random.body.errors?.[0]?.extensions);
    expect(hidden.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const role = await t.gql(
      inviteToMeeting({ meetingId: meeting.id, roles: [{ networkId: elsewhere, role: 'FOCAL_POINT' }] }),
      { token: secretariat.token },
    );
    expect(role.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('roles.0.networkId');

    // A person whose term has ended is no longer among the role's holders.
    await insertMembership(t.dataSource, {
      personId: stranger.personId,
      networkId: icglr,
      role: 'ALTERNATE_FOCAL_POINT',
      memberState: 'KE',
      startsOn: '2010-01-01',
      endsOn: '2011-01-01',
    });
    const alternates = await ok(
      t.gql<{ inviteToMeeting: { added: number } }>(
        inviteToMeeting({
          meetingId: meeting.id,
          roles: [{ networkId: icglr, role: 'ALTERNATE_FOCAL_POINT' }],
          personIds: [fp.KE.personId],
        }),
        { token: secretariat.token },
      ),
    );
    expect(alternates.inviteToMeeting.added).toBe(1);
    const again = await ok(
      t.gql<{ inviteToMeeting: { added: number; meeting: MeetingData } }>(
        inviteToMeeting({ meetingId: meeting.id, personIds: [fp.KE.personId] }),
        { token: secretariat.token },
      ),
    );
    expect(again.inviteToMeeting.added).toBe(0);
    expect(again.inviteToMeeting.meeting.rsvp.invited).toBe(1);
  });

  it('pages meetings by start, latest first on request, and filters by dates', async () => {
    const { icglr, secretariat } = await committee();
    const dates = ['2011-05-25', '2011-12-10', '2012-02-08', '2012-10-18'];
    for (const day of dates) {
      await created(secretariat.token, brazzaville(icglr, { start: `${day}T09:00`, end: `${day}T17:00` }));
    }
    const first = (
      await ok(
        t.gql<{
          meetings: {
            totalCount: number;
            edges: { node: MeetingData }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(meetingsList({ networkId: icglr, first: 3 }), { token: secretariat.token }),
      )
    ).meetings;
    expect(first.totalCount).toBe(4);
    expect(first.edges.map((e) => e.node.start.slice(0, 10))).toEqual(dates.slice(0, 3));
    const rest = (
      await ok(
        t.gql<{ meetings: { edges: { node: MeetingData }[]; pageInfo: { hasNextPage: boolean } } }>(
          meetingsList({ networkId: icglr, first: 3, after: first.pageInfo.endCursor }),
          { token: secretariat.token },
        ),
      )
    ).meetings;
    expect(rest.edges.map((e) => e.node.start.slice(0, 10))).toEqual(['2012-10-18']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const in2012 = (
      await ok(
        t.gql<{ meetings: { totalCount: number } }>(
          meetingsList({ networkId: icglr, from: '2012-01-01T00:00:00Z', to: '2013-01-01T00:00:00Z' }),
          { token: secretariat.token },
        ),
      )
    ).meetings;
    expect(in2012.totalCount).toBe(2);
    const latest = (
      await ok(
        t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(
          meetingsList({ networkId: icglr, descending: true, first: 1 }),
          { token: secretariat.token },
        ),
      )
    ).meetings;
    expect(latest.edges[0].node.start.slice(0, 10)).toBe('2012-10-18');
    const bad = await t.gql(
      meetingsList({ networkId: icglr, from: '2013-01-01T00:00:00Z', to: '2012-01-01T00:00:00Z' }),
      { token: secretariat.token },
    );
    expect(bad.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('to');
  });

  it('renders meeting notifications as the meeting is now, in each reader’s language and chosen time zone', async () => {
    const { icglr, secretariat, fp } = await committee();
    // Tanzania's focal point reads meeting news in the daily digest.
    await ok(t.gql(setNotificationPreference('meetingScheduled', 'DIGEST'), { token: fp.TZ.token }));
    let meeting = await created(secretariat.token, brazzaville(icglr, { visibility: 'NETWORK' }));
    await ok(
      t.gql(inviteToMeeting({ meetingId: meeting.id, roles: [{ networkId: icglr, role: 'FOCAL_POINT' }] }), {
        token: secretariat.token,
      }),
    );
    meeting = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(meeting.id), { token: secretariat.token })))
      .meeting;
    meeting = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', meeting.id, meeting.version), {
          token: secretariat.token,
        }),
      )
    ).scheduleMeeting;
    // Uganda's focal point is no longer invited (told under the title of the day)...
    await ok(t.gql(uninviteFromMeeting(meeting.id, fp.UG.personId), { token: secretariat.token }));
    meeting = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(meeting.id), { token: secretariat.token })))
      .meeting;
    // ...then the meeting is renamed, and Kenya's focal point, travelling, reads in Kolkata.
    await ok(
      t.gql(
        updateMeeting({
          meetingId: meeting.id,
          expectedVersion: meeting.version,
          title: [
            { language: 'fr', text: 'Réunion inaugurale du Comité régional', status: 'ORIGINAL' },
            { language: 'en', text: 'Inaugural meeting of the Regional Committee' },
          ],
        }),
        { token: secretariat.token },
      ),
    );
    await t.dataSource.query(`UPDATE person SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [fp.KE.personId]);

    const scheduled = async (token: string) =>
      (
        await ok(t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token }))
      ).myNotifications.edges
        .map((e) => e.node)
        .find((n) => n.kind === 'meetingScheduled' && n.subjectId === meeting.id) as NotificationData;
    const congo = await scheduled(fp.CG.token);
    expect(congo.title).toBe('Réunion convoquée : Réunion inaugurale du Comité régional');
    // No zone chosen: the meeting's own, 10:00 in Brazzaville.
    expect(congo.body).toContain('10:00');
    expect(congo.body).toContain('(Africa/Brazzaville)');
    const kenya = await scheduled(fp.KE.token);
    expect(kenya.title).toBe('Meeting scheduled: Inaugural meeting of the Regional Committee');
    // 10:00 in Brazzaville (UTC+1) is 14:30 in Kolkata (UTC+5:30).
    expect(kenya.body).toContain('2:30');
    expect(kenya.body).toContain('(Asia/Kolkata)');

    // Someone uninvited since may no longer read the meeting: their notifications keep what they were told.
    const uganda = (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: fp.UG.token }),
      )
    ).myNotifications.edges.map((e) => [e.node.kind, e.node.title]);
    expect(uganda).toEqual(
      expect.arrayContaining([
        ['meetingScheduled', 'Meeting scheduled: First meeting of the Regional Committee'],
        ['meetingUninvited', 'No longer invited: First meeting of the Regional Committee'],
      ]),
    );

    // The e-mail, rendered as it is sent, says the same.
    const [email] = (await t.dataSource.query(
      `SELECT id, recipient::text AS recipient, language, template, params FROM email_outbox
        WHERE recipient = $1 AND params->>'kind' = 'meetingScheduled'`,
      [fp.KE.email],
    )) as { id: string; recipient: string; language: 'en'; template: string; params: Record<string, unknown> }[];
    const rendered = await t.app.get(EmailDeliveryService).render(email);
    expect(rendered.subject).toBe('Meeting scheduled: Inaugural meeting of the Regional Committee');
    expect(rendered.text).toContain('(Asia/Kolkata)');
    expect(rendered.text).not.toContain('First meeting');
    // And so does the digest, written after the rename from the notification of before.
    await t.app.get(DigestService).sendDigests(new Date(Date.now() + 1000));
    const [digest] = (await t.dataSource.query(
      `SELECT id, recipient::text AS recipient, language, template, params FROM email_outbox
        WHERE recipient = $1 AND template = 'digest'`,
      [fp.TZ.email],
    )) as { id: string; recipient: string; language: 'en'; template: string; params: Record<string, unknown> }[];
    const daily = await t.app.get(EmailDeliveryService).render(digest);
    expect(daily.text).toContain('Meeting scheduled: Inaugural meeting of the Regional Committee');
  });

  it('reads a page of 50 meetings with invitees and answer counts in as many statements as a page of 5', async () => {
    const { icglr, secretariat, fp } = await committee();
    const ids = (await t.dataSource.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       SELECT $1, 'WEBINAR', '{"en": {"text": "Webinar", "status": "ORIGINAL"}}',
              timestamptz '2012-01-01 10:00Z' + n * interval '1 day', timestamptz '2012-01-01 12:00Z' + n * interval '1 day',
              'UTC', 'NETWORK', 'SCHEDULED'
         FROM generate_series(1, 50) AS n RETURNING id`,
      [icglr],
    )) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO meeting_invitee (meeting_id, person_id, response)
       SELECT m, p, 'ACCEPTED' FROM unnest(CAST($1 AS uuid[])) AS m, unnest(CAST($2 AS uuid[])) AS p`,
      [ids.map((r) => r.id), Object.values(fp).map((f) => f.personId)],
    );
    const statements: string[] = [];
    async function count(operation: Operation): Promise<number> {
      const original = Client.prototype.query;
      statements.length = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        const config = args[0] as string | { text: string };
        statements.push(typeof config === 'string' ? config : config.text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const res = await t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(operation, {
          token: secretariat.token,
        });
        expect(res.body.errors).toBeUndefined();
        for (const edge of res.body.data!.meetings.edges) {
          expect(edge.node.rsvp.accepted).toBe(4);
          expect(edge.node.invitees).toHaveLength(4);
        }
        return statements.length;
      } finally {
        Client.prototype.query = original;
      }
    }
    const five = await count(meetingsList({ networkId: icglr, first: 5 }));
    const fifty = await count(meetingsList({ networkId: icglr, first: 50 }));
    expect(fifty).toBe(five);
    // The session, the page, its count and the invitees of the whole page.
    expect(fifty).toBeLessThanOrEqual(5);
  });
});
