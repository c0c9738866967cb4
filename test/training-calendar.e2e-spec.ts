import ICAL from 'ical.js';
import request from 'supertest';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import { createMeeting, inviteToMeeting, MeetingData, meetingStep } from './support/meetings.operations';
import { addTrainingSession, updateTrainingSession } from './support/training-attendance.operations';
import { signedInMember } from './support/members';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  createCurriculum,
  createTraining,
  curriculumStep,
  EnrolmentData,
  nominate,
  trainingStep,
  withdraw,
} from './support/training.operations';

/** What a calendar program reads of a feed. */
function read(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      zone: event.startDate.zone?.tzid,
      localStart: event.startDate.toString().slice(0, 16),
      start: event.startDate.toJSDate().toISOString(),
      sequence: event.sequence,
      status: component.getFirstPropertyValue('status'),
      location: event.location,
      description: event.description,
    };
  });
  for (const zone of zones) ICAL.TimezoneService.remove(zone);
  return { name: calendar.getFirstPropertyValue('x-wr-calname'), zones: zones.sort(), events };
}

/**
 * Issue 12 item 8: trainings in the personal calendar feed beside meetings (composed at app level),
 * for their confirmed participants and their trainers, with the meetings' guarantees: the training's
 * zone (TZID + VTIMEZONE), SEQUENCE raised on change, STATUS:CANCELLED, texts in the owner's
 * language, and nothing the owner no longer holds a seat in.
 */
describe('training calendar', () => {
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

  async function feedOf(token: string): Promise<() => Promise<ReturnType<typeof read>>> {
    const link = (
      await ok(
        t.gql<{ createCalendarFeed: { url: string } }>({ query: 'mutation { createCalendarFeed { url } }' }, { token }),
      )
    ).createCalendarFeed;
    const path = new URL(link.url).pathname;
    return async () => {
      const res = await request(t.url).get(path);
      expect(res.status).toBe(200);
      return read(res.text);
    };
  }

  it('lists the trainings a person takes part in or gives, beside their meetings, and keeps them current', async () => {
    const lac = (
      await insertNetwork(t.dataSource, {
        defaultLanguage: 'es',
        workingLanguages: ['es', 'pt', 'en'],
        name: { es: { text: 'Red Latinoamericana', status: 'ORIGINAL' } },
      })
    ).id;
    await insertMemberState(t.dataSource, { networkId: lac, countryCode: 'BR' });
    const secretariat = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    const trainer = await signedInMember(t, {
      name: 'Trainer',
      networkId: lac,
      role: 'TRAINER',
      preferredLanguage: 'en',
    });
    const official = await signedInMember(t, {
      name: 'Oficial do Brasil',
      networkId: lac,
      role: 'OBSERVER',
      preferredLanguage: 'pt',
    });
    const waiting = await signedInMember(t, {
      name: 'Waiting',
      networkId: lac,
      role: 'OBSERVER',
      preferredLanguage: 'pt',
    });

    const draft = (
      await ok(
        t.gql<{ createCurriculum: { id: string; version: number } }>(
          createCurriculum({
            networkId: lac,
            title: [
              { language: 'es', text: 'Prevención del genocidio' },
              { language: 'pt', text: 'Prevenção do genocídio' },
            ],
            modules: [
              { title: [{ language: 'es', text: 'Marco de prevención' }], durationMinutes: 180, required: true },
            ],
          }),
          { token: secretariat.token },
        ),
      )
    ).createCurriculum;
    await ok(t.gql(curriculumStep('publishCurriculum', draft.id, draft.version), { token: secretariat.token }));
    const training = async (visibility: string, capacity: number) => {
      const created = (
        await ok(
          t.gql<{ createTraining: { id: string; version: number } }>(
            createTraining({
              networkId: lac,
              curriculumVersionId: draft.id,
              title: [
                { language: 'es', text: 'Seminario de Buenos Aires y Montevideo' },
                { language: 'pt', text: 'Seminário de Buenos Aires e Montevidéu' },
              ],
              format: 'IN_PERSON',
              places: ['Buenos Aires, Argentina', 'Montevideo, Uruguay'],
              start: '2027-11-05T09:00',
              end: '2027-11-09T17:00',
              timeZone: 'America/Argentina/Buenos_Aires',
              capacity,
              trainerIds: [trainer.personId],
              visibility,
            }),
            { token: secretariat.token },
          ),
        )
      ).createTraining;
      return (
        await ok(
          t.gql<{ openNominations: { id: string; version: number } }>(
            trainingStep('openNominations', created.id, created.version),
            { token: secretariat.token },
          ),
        )
      ).openNominations;
    };
    const seminar = await training('NETWORK', 1);
    // Two sessions: the first day in Buenos Aires, the last in Montevideo.
    const modules = (
      await ok(
        t.gql<{ curriculum: { modules: { id: string }[] } }>(
          { query: 'query ($id: ID!) { curriculum(id: $id) { modules { id } } }', variables: { id: draft.id } },
          { token: secretariat.token },
        ),
      )
    ).curriculum.modules.map((m) => m.id);
    const session = (start: string, end: string, place: string) =>
      ok(
        t.gql<{ addTrainingSession: { id: string; version: number } }>(
          addTrainingSession({ trainingId: seminar.id, start, end, moduleIds: modules, place }),
          { token: secretariat.token },
        ),
      ).then((d) => d.addTrainingSession);
    const buenosAires = await session('2027-11-05T09:00', '2027-11-05T17:00', 'Buenos Aires, Argentina');
    const montevideo = await session('2027-11-09T09:00', '2027-11-09T17:00', 'Montevideo, Uruguay');
    const restricted = await training('RESTRICTED', 5);
    const nominated = async (trainingId: string, personId: string) =>
      (
        await ok(
          t.gql<{ nominate: EnrolmentData }>(nominate({ trainingId, personId, memberState: 'BR' }), {
            token: secretariat.token,
          }),
        )
      ).nominate;
    expect((await nominated(seminar.id, official.personId)).status).toBe('CONFIRMED');
    expect((await nominated(seminar.id, waiting.personId)).status).toBe('WAITLISTED');
    const toWithdraw = await nominated(restricted.id, official.personId);

    // A meeting the official is invited to, in another zone.
    const meeting = (
      await ok(
        t.gql<{ createMeeting: MeetingData }>(
          createMeeting({
            networkId: lac,
            kind: 'PLENARY',
            title: [{ language: 'pt', text: 'Reunião plenária', status: 'ORIGINAL' }],
            start: '2027-10-01T10:00',
            end: '2027-10-01T12:00',
            timeZone: 'America/Sao_Paulo',
            visibility: 'RESTRICTED',
          }),
          { token: secretariat.token },
        ),
      )
    ).createMeeting;
    const invited = await ok(
      t.gql<{ inviteToMeeting: { meeting: MeetingData } }>(
        inviteToMeeting({ meetingId: meeting.id, personIds: [official.personId] }),
        { token: secretariat.token },
      ),
    );
    await ok(
      t.gql(meetingStep('scheduleMeeting', meeting.id, invited.inviteToMeeting.meeting.version), {
        token: secretariat.token,
      }),
    );

    const officialFeed = await feedOf(official.token);
    const before = await officialFeed();
    expect(before.name).toBe('Enlace: minhas reuniões e capacitações');
    expect(before.zones).toEqual(['America/Argentina/Buenos_Aires', 'America/Sao_Paulo']);
    expect(before.events.map((e) => [e.uid, e.summary, e.zone, e.localStart, e.status, e.location])).toEqual([
      [`${meeting.id}@enlace`, 'Reunião plenária', 'America/Sao_Paulo', '2027-10-01T10:00', 'CONFIRMED', null],
      ...[restricted.id, seminar.id]
        .sort()
        .map((id) => [
          `training-${id}@enlace`,
          'Seminário de Buenos Aires e Montevidéu',
          'America/Argentina/Buenos_Aires',
          '2027-11-05T09:00',
          'CONFIRMED',
          'Buenos Aires, Argentina · Montevideo, Uruguay',
        ]),
      [
        `training-session-${buenosAires.id}@enlace`,
        'Seminário de Buenos Aires e Montevidéu: sessão 1',
        'America/Argentina/Buenos_Aires',
        '2027-11-05T09:00',
        'CONFIRMED',
        'Buenos Aires, Argentina',
      ],
      [
        `training-session-${montevideo.id}@enlace`,
        'Seminário de Buenos Aires e Montevidéu: sessão 2',
        'America/Argentina/Buenos_Aires',
        '2027-11-09T09:00',
        'CONFIRMED',
        'Montevideo, Uruguay',
      ],
    ]);
    const seminarEvent = before.events.find((e) => e.uid === `training-${seminar.id}@enlace`)!;
    expect(seminarEvent.start).toBe('2027-11-05T12:00:00.000Z');
    expect(seminarEvent.location).toBe('Buenos Aires, Argentina · Montevideo, Uruguay');
    expect(seminarEvent.description).toContain('Currículo: Prevenção do genocídio, versão 1');
    expect(seminarEvent.description).toContain('Você participa por Brasil.');

    // Moving a session raises its SEQUENCE.
    const sessionSequence = before.events.find((e) => e.uid === `training-session-${montevideo.id}@enlace`)!.sequence;
    await ok(
      t.gql(
        updateTrainingSession({
          sessionId: montevideo.id,
          expectedVersion: montevideo.version,
          start: '2027-11-09T10:00',
          end: '2027-11-09T17:00',
          moduleIds: modules,
          place: 'Montevideo, Uruguay',
        }),
        { token: secretariat.token },
      ),
    );
    const moved = (await officialFeed()).events.find((e) => e.uid === `training-session-${montevideo.id}@enlace`)!;
    expect([moved.localStart, moved.sequence]).toEqual(['2027-11-09T10:00', sessionSequence + 1]);

    // Waitlisted: no seat, no event. The trainer sees both trainings, in English.
    expect((await (await feedOf(waiting.token))()).events).toEqual([]);
    const trainerFeed = await (await feedOf(trainer.token))();
    expect(trainerFeed.name).toBe('Enlace: my meetings and trainings');
    expect(trainerFeed.events.map((e) => e.uid).sort()).toEqual(
      [
        `training-${seminar.id}@enlace`,
        `training-${restricted.id}@enlace`,
        `training-session-${buenosAires.id}@enlace`,
        `training-session-${montevideo.id}@enlace`,
      ].sort(),
    );
    expect(trainerFeed.events[0].description).toContain('You are a trainer of this training.');

    // Withdrawn from the restricted training: it leaves the feed. Closing and cancelling the other raise
    // its SEQUENCE; cancelled, it stays with STATUS:CANCELLED.
    await ok(t.gql(withdraw(toWithdraw.id), { token: secretariat.token }));
    const closed = (
      await ok(
        t.gql<{ closeNominations: { version: number } }>(
          trainingStep('closeNominations', seminar.id, seminar.version),
          {
            token: secretariat.token,
          },
        ),
      )
    ).closeNominations;
    const middle = (await officialFeed()).events.find((e) => e.uid === `training-${seminar.id}@enlace`)!;
    expect(middle.sequence).toBe(seminarEvent.sequence + 1);
    await ok(t.gql(trainingStep('cancelTraining', seminar.id, closed.version), { token: secretariat.token }));
    const after = await officialFeed();
    expect(after.events.map((e) => [e.uid, e.summary, e.status, e.sequence])).toEqual([
      [`${meeting.id}@enlace`, 'Reunião plenária', 'CONFIRMED', before.events[0].sequence],
      [
        `training-${seminar.id}@enlace`,
        'Cancelada: Seminário de Buenos Aires e Montevidéu',
        'CANCELLED',
        seminarEvent.sequence + 2,
      ],
      [
        `training-session-${buenosAires.id}@enlace`,
        'Cancelada: Seminário de Buenos Aires e Montevidéu: sessão 1',
        'CANCELLED',
        before.events[3].sequence + 2,
      ],
      [
        `training-session-${montevideo.id}@enlace`,
        'Cancelada: Seminário de Buenos Aires e Montevidéu: sessão 2',
        'CANCELLED',
        sessionSequence + 3,
      ],
    ]);
  });
});
