import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import request from 'supertest';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import {
  createMeeting,
  inviteToMeeting,
  MeetingData,
  meetingById,
  meetingStep,
  respondToMeeting,
  rescheduleMeeting,
  uninviteFromMeeting,
} from './support/meetings.operations';
import { signedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

/** What a calendar program reads of one event. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const read = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const attendee = component.getFirstProperty('attendee');
    return {
      uid: event.uid,
      summary: event.summary,
      zone: event.startDate.zone?.tzid,
      localStart: event.startDate.toString().slice(0, 16),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      sequence: event.sequence,
      status: component.getFirstPropertyValue('status'),
      url: component.getFirstPropertyValue('url'),
      location: event.location,
      organizer: component.getFirstProperty('organizer')?.getParameter('cn'),
      partstat: attendee?.getParameter('partstat') ?? null,
    };
  });
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.remove(String(zone.getFirstPropertyValue('tzid')));
  }
  return { method: calendar.getFirstPropertyValue('method'), events: read };
}

describe('meeting calendars', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  async function setUp() {
    const icglr = (
      await insertNetwork(t.dataSource, {
        defaultLanguage: 'fr',
        workingLanguages: ['fr', 'en'],
        name: {
          fr: { text: 'Comité régional de la CIRGL', status: 'OFFICIAL' },
          en: { text: 'ICGLR Regional Committee', status: 'ORIGINAL' },
        },
      })
    ).id;
    await insertMemberState(t.dataSource, { networkId: icglr, countryCode: 'CG' });
    const secretariat = await signedInMember(t, { name: 'Secrétariat', networkId: icglr, role: 'SECRETARIAT' });
    const congo = await signedInMember(t, {
      name: 'Point focal Congo',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'CG',
      preferredLanguage: 'fr',
    });
    return { icglr, secretariat, congo };
  }

  async function scheduled(token: string, input: Record<string, unknown>, invite: string[]): Promise<MeetingData> {
    const created = (await ok(t.gql<{ createMeeting: MeetingData }>(createMeeting(input), { token }))).createMeeting;
    let version = created.version;
    if (invite.length > 0) {
      const invited = await ok(
        t.gql<{ inviteToMeeting: { meeting: MeetingData } }>(
          inviteToMeeting({ meetingId: created.id, personIds: invite }),
          { token },
        ),
      );
      version = invited.inviteToMeeting.meeting.version;
    }
    return (
      await ok(t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', created.id, version), { token }))
    ).scheduleMeeting;
  }

  const meetingInput = (networkId: string, extra: Record<string, unknown> = {}) => ({
    networkId,
    kind: 'REGIONAL_COMMITTEE',
    title: [
      { language: 'en', text: 'First meeting of the Regional Committee', status: 'ORIGINAL' },
      { language: 'fr', text: 'Première réunion du Comité régional', status: 'OFFICIAL' },
    ],
    start: '2011-05-25T10:00',
    end: '2011-05-26T17:00',
    timeZone: 'Africa/Brazzaville',
    place: 'Brazzaville',
    visibility: 'RESTRICTED',
    ...extra,
  });

  it('serves one meeting as a file a calendar program reads at the local time, in the reader’s language', async () => {
    const { icglr, secretariat, congo } = await setUp();
    const meeting = await scheduled(secretariat.token, meetingInput(icglr), [congo.personId]);
    await ok(t.gql(respondToMeeting(meeting.id, 'TENTATIVE'), { token: congo.token }));

    const res = await request(t.url)
      .get(`/meetings/${meeting.id}.ics`)
      .set('authorization', `Bearer ${congo.token}`)
      .set('accept-language', 'fr');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const file = events(res.text);
    expect(file.method).toBe('PUBLISH');
    expect(file.events).toEqual([
      {
        uid: `${meeting.id}@enlace`,
        summary: 'Première réunion du Comité régional',
        zone: 'Africa/Brazzaville',
        localStart: '2011-05-25T10:00',
        start: '2011-05-25T09:00:00.000Z',
        end: '2011-05-26T16:00:00.000Z',
        sequence: 0,
        status: 'CONFIRMED',
        url: `${t.config.publicUrl.replace(/\/$/, '')}/meetings/${meeting.id}`,
        location: 'Brazzaville',
        organizer: 'Comité régional de la CIRGL',
        partstat: 'TENTATIVE',
      },
    ]);

    // A past meeting in a zone whose daylight-saving rules have since changed: São Paulo kept
    // daylight time in February 2012 (UTC-2), which today's rules would not know.
    const saoPaulo = await scheduled(
      secretariat.token,
      meetingInput(icglr, { start: '2012-02-08T09:30', end: '2012-02-08T17:00', timeZone: 'America/Sao_Paulo' }),
      [],
    );
    const sp = await request(t.url)
      .get(`/meetings/${saoPaulo.id}.ics`)
      .set('authorization', `Bearer ${secretariat.token}`);
    expect(events(sp.text).events[0]).toMatchObject({
      localStart: '2012-02-08T09:30',
      start: '2012-02-08T11:30:00.000Z',
    });

    // Hidden = missing, for the file too.
    const outsider = await signedInMember(t, {
      name: 'Outsider',
      networkId: (await insertNetwork(t.dataSource)).id,
      role: 'SECRETARIAT',
    });
    const hidden = await request(t.url)
      .get(`/meetings/${meeting.id}.ics`)
      .set('authorization', `Bearer ${outsider.token}`);
    const missing = await request(t.url)
      .get(`/meetings/${randomUUID()}.ics`)
      .set('authorization', `Bearer ${outsider.token}`);
    expect([hidden.status, hidden.body]).toEqual([404, missing.body]);
    const anonymous = await request(t.url).get(`/meetings/${meeting.id}.ics`);
    expect([anonymous.status, anonymous.body]).toEqual([404, missing.body]);
  });

  it('keeps a private feed current: a higher SEQUENCE when rescheduled, STATUS:CANCELLED, and only what its owner may see', async () => {
    const { icglr, secretariat, congo } = await setUp();
    const first = await scheduled(secretariat.token, meetingInput(icglr), [congo.personId]);
    const second = await scheduled(
      secretariat.token,
      meetingInput(icglr, {
        start: '2011-12-10T09:00',
        end: '2011-12-11T18:00',
        timeZone: 'Africa/Dar_es_Salaam',
        place: 'Zanzibar',
      }),
      [congo.personId],
    );
    const link = (
      await ok(
        t.gql<{ createCalendarFeed: { url: string } }>(
          { query: 'mutation { createCalendarFeed { url createdAt } }' },
          { token: congo.token },
        ),
      )
    ).createCalendarFeed;
    const path = new URL(link.url).pathname;
    expect(path).toMatch(/^\/calendar\/enl_[A-Za-z0-9_-]{43}\.ics$/);
    // The link is not a session token.
    const asBearer = await t.gql(
      { query: '{ me { id } }' },
      { token: path.slice('/calendar/'.length, -'.ics'.length) },
    );
    expect(asBearer.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const feed = async () => {
      const res = await request(t.url).get(path);
      expect(res.status).toBe(200);
      return events(res.text);
    };
    const before = await feed();
    expect(before.method).toBe('PUBLISH');
    expect(before.events.map((e) => [e.summary, e.zone, e.localStart])).toEqual([
      ['Première réunion du Comité régional', 'Africa/Brazzaville', '2011-05-25T10:00'],
      ['Première réunion du Comité régional', 'Africa/Dar_es_Salaam', '2011-12-10T09:00'],
    ]);

    const current = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(first.id), { token: secretariat.token })))
      .meeting;
    await ok(
      t.gql(
        rescheduleMeeting({
          meetingId: first.id,
          expectedVersion: current.version,
          start: '2011-05-25T14:00',
          end: '2011-05-26T17:00',
        }),
        { token: secretariat.token },
      ),
    );
    const zanzibar = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(second.id), { token: secretariat.token })))
      .meeting;
    await ok(t.gql(meetingStep('cancelMeeting', second.id, zanzibar.version), { token: secretariat.token }));
    const after = await feed();
    expect(
      after.events.map((e) => ({ local: e.localStart, sequence: e.sequence, status: e.status, summary: e.summary })),
    ).toEqual([
      {
        local: '2011-05-25T14:00',
        sequence: before.events[0].sequence + 1,
        status: 'CONFIRMED',
        summary: 'Première réunion du Comité régional',
      },
      {
        local: '2011-12-10T09:00',
        sequence: before.events[1].sequence + 1,
        status: 'CANCELLED',
        summary: 'Annulée : Première réunion du Comité régional',
      },
    ]);
    const cancelledFile = await request(t.url)
      .get(`/meetings/${second.id}.ics`)
      .set('authorization', `Bearer ${congo.token}`);
    expect(events(cancelledFile.text).method).toBe('CANCEL');

    // Uninvited from a RESTRICTED meeting: it leaves the feed.
    await ok(t.gql(uninviteFromMeeting(first.id, congo.personId), { token: secretariat.token }));
    expect((await feed()).events.map((e) => e.localStart)).toEqual(['2011-12-10T09:00']);

    // A new link revokes the old; revoking answers 404 like an unknown link.
    const fresh = (
      await ok(
        t.gql<{ createCalendarFeed: { url: string } }>(
          { query: 'mutation { createCalendarFeed { url } }' },
          { token: congo.token },
        ),
      )
    ).createCalendarFeed;
    const old = await request(t.url).get(path);
    const unknown = await request(t.url).get(`/calendar/enl_${'A'.repeat(43)}.ics`);
    expect([old.status, old.body]).toEqual([404, unknown.body]);
    expect((await request(t.url).get(new URL(fresh.url).pathname)).status).toBe(200);
    expect(
      (
        await ok(
          t.gql<{ revokeCalendarFeed: number }>({ query: 'mutation { revokeCalendarFeed }' }, { token: congo.token }),
        )
      ).revokeCalendarFeed,
    ).toBe(1);
    expect((await request(t.url).get(new URL(fresh.url).pathname)).status).toBe(404);
  });
});
