import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import {
  addAgendaItem,
  addDecision,
  addFollowUp,
  AgendaData,
  AgendaPayloadData,
  communique,
  CommuniqueData,
  DecisionData,
  FollowUpData,
  meetingAgenda,
  meetingsWithAgendas,
  moveAgendaItem,
  publishCommunique,
  removeAgendaItem,
  setCommunique,
  setFollowUpStatus,
  updateAgendaItem,
  updateDecision,
  updateFollowUp,
} from './support/meetings-agenda.operations';
import { createMeeting, MeetingData, meetingById, meetingStep } from './support/meetings.operations';
import { signedInMember } from './support/members';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

type Errors = GraphqlResponse['body']['errors'];

describe('meeting agendas, decisions and communiqués', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  /** The ICGLR Regional Committee with four member states, its secretariat and two focal points. */
  async function committee() {
    const icglr = (await insertNetwork(t.dataSource, { defaultLanguage: 'fr', workingLanguages: ['fr', 'en'] })).id;
    for (const code of ['CG', 'KE', 'TZ', 'UG'])
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const secretariat = await signedInMember(t, { name: 'Secrétariat CIRGL', networkId: icglr, role: 'SECRETARIAT' });
    const congo = await signedInMember(t, {
      name: 'Point focal Congo',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'CG',
    });
    const kenya = await signedInMember(t, {
      name: 'Kenya focal point',
      networkId: icglr,
      role: 'FOCAL_POINT',
      memberState: 'KE',
    });
    return { icglr, secretariat, congo, kenya };
  }

  const meetingInput = (networkId: string, extra: Record<string, unknown> = {}) => ({
    networkId,
    kind: 'REGIONAL_COMMITTEE',
    title: [{ language: 'en', text: 'First meeting of the Regional Committee', status: 'ORIGINAL' }],
    start: '2011-05-25T09:00',
    end: '2011-05-25T11:00',
    timeZone: 'Africa/Brazzaville',
    ...extra,
  });

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  async function created(token: string, input: Record<string, unknown>): Promise<MeetingData> {
    return (await ok(t.gql<{ createMeeting: MeetingData }>(createMeeting(input), { token }))).createMeeting;
  }

  /** Creates, schedules and marks held a meeting (its dates are in the past). */
  async function held(token: string, input: Record<string, unknown>): Promise<MeetingData> {
    const draft = await created(token, input);
    const scheduled = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', draft.id, draft.version), { token }),
      )
    ).scheduleMeeting;
    return (
      await ok(
        t.gql<{ markMeetingHeld: MeetingData }>(meetingStep('markMeetingHeld', scheduled.id, scheduled.version), {
          token,
        }),
      )
    ).markMeetingHeld;
  }

  async function agendaOf(token: string, meetingId: string, lang?: string) {
    return (
      await ok(
        t.gql<{ meeting: { agenda: AgendaData; decisions: DecisionData[] } }>(meetingAgenda(meetingId), {
          token,
          lang,
        }),
      )
    ).meeting;
  }

  async function add(token: string, input: Record<string, unknown>): Promise<AgendaPayloadData> {
    return (await ok(t.gql<{ addAgendaItem: AgendaPayloadData }>(addAgendaItem(input), { token }))).addAgendaItem;
  }

  const title = (text: string) => [{ language: 'en', text }];
  const outline = (agenda: AgendaData) => agenda.items.map((i) => `${i.number} ${i.title.text}`);

  function answer(errors: Errors) {
    return {
      code: errors?.[0]?.extensions.code,
      message: errors?.[0]?.message,
      fields: errors?.[0]?.extensions.fields,
    };
  }

  it('numbers nested items from their order, and moves an item under another in one change', async () => {
    const { icglr, secretariat, kenya } = await committee();
    const meeting = await created(secretariat.token, meetingInput(icglr));
    let agenda = (await agendaOf(secretariat.token, meeting.id)).agenda;
    expect(agenda).toMatchObject({
      version: 1,
      locked: false,
      items: [],
      totalMinutes: 0,
      slotMinutes: 120,
      overBy: 0,
    });

    const opening = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 1,
      title: [
        { language: 'en', text: 'Opening', status: 'ORIGINAL' },
        { language: 'fr', text: 'Ouverture' },
      ],
      presenter: { countryCode: 'CG' },
      durationMinutes: 30,
      links: ['https://icglr.org/agenda.pdf'],
    });
    expect(opening.item?.number).toBe('1');
    const status = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 2,
      title: title('Status of the national committees'),
      presenter: { personId: kenya.personId },
      durationMinutes: 45,
    });
    const terms = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 3,
      title: title('Draft terms of reference'),
      durationMinutes: 15,
    });
    const kenyaReport = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 4,
      parentId: status.item!.id,
      title: title('Kenya'),
      durationMinutes: 20,
    });
    const congoReport = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 5,
      parentId: status.item!.id,
      position: 1,
      title: title('Congo'),
      durationMinutes: 20,
    });
    agenda = congoReport.agenda;
    expect(outline(agenda)).toEqual([
      '1 Opening',
      '2 Status of the national committees',
      '2.1 Congo',
      '2.2 Kenya',
      '3 Draft terms of reference',
    ]);
    // The running total against the slot (10:00–12:00 local, 120 minutes).
    expect(agenda).toMatchObject({ totalMinutes: 130, slotMinutes: 120, overBy: 10, version: 6 });
    expect(agenda.items[0].presenter).toEqual({ personId: null, name: null, countryCode: 'CG' });
    expect(agenda.items[1].presenter).toMatchObject({ personId: kenya.personId, name: 'Kenya focal point' });
    expect(agenda.items[0].links).toEqual(['https://icglr.org/agenda.pdf']);
    const fr = (await agendaOf(secretariat.token, meeting.id, 'fr')).agenda;
    expect(fr.items[0].title).toEqual({ text: 'Ouverture', language: 'fr' });

    // The terms of reference go under the status review, first: one mutation, every number follows.
    const moved = (
      await ok(
        t.gql<{ moveAgendaItem: AgendaPayloadData }>(
          moveAgendaItem({ itemId: terms.item!.id, expectedVersion: 6, parentId: status.item!.id, position: 1 }),
          { token: secretariat.token },
        ),
      )
    ).moveAgendaItem;
    expect(moved.item?.number).toBe('2.1');
    expect(outline(moved.agenda)).toEqual([
      '1 Opening',
      '2 Status of the national committees',
      '2.1 Draft terms of reference',
      '2.2 Congo',
      '2.3 Kenya',
    ]);
    // Then the whole status review (with its sub-items) to the top, and Kenya under the terms.
    const top = (
      await ok(
        t.gql<{ moveAgendaItem: AgendaPayloadData }>(
          moveAgendaItem({ itemId: status.item!.id, expectedVersion: 7, parentId: null, position: 1 }),
          { token: secretariat.token },
        ),
      )
    ).moveAgendaItem;
    const nested = (
      await ok(
        t.gql<{ moveAgendaItem: AgendaPayloadData }>(
          moveAgendaItem({ itemId: kenyaReport.item!.id, expectedVersion: 8, parentId: terms.item!.id, position: 9 }),
          { token: secretariat.token },
        ),
      )
    ).moveAgendaItem;
    expect(top.item?.number).toBe('1');
    expect(outline(nested.agenda)).toEqual([
      '1 Status of the national committees',
      '1.1 Draft terms of reference',
      '1.1.1 Kenya',
      '1.2 Congo',
      '2 Opening',
    ]);

    // Two organisers editing at once from the same version: exactly one move is applied.
    const racing = await Promise.all(
      [1, 2].map((position) =>
        t.gql<{ moveAgendaItem: AgendaPayloadData }>(
          moveAgendaItem({ itemId: opening.item!.id, expectedVersion: 9, parentId: null, position }),
          { token: secretariat.token },
        ),
      ),
    );
    expect(racing.map((r) => r.body.errors?.[0]?.extensions.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const winner = racing.find((r) => !r.body.errors)!.body.data!.moveAgendaItem;
    expect(winner.agenda.version).toBe(10);
    // Back to where it was, for what follows.
    await ok(
      t.gql(moveAgendaItem({ itemId: opening.item!.id, expectedVersion: 10, parentId: null, position: 2 }), {
        token: secretariat.token,
      }),
    );

    // A stale version is refused and changes nothing.
    const stale = await t.gql(
      updateAgendaItem({ itemId: opening.item!.id, expectedVersion: 10, durationMinutes: 10 }),
      {
        token: secretariat.token,
      },
    );
    expect(stale.body.errors?.[0]?.extensions.code).toBe('CONFLICT');
    // An edit at the current version; bad links are refused, field by field.
    const badLink = await t.gql(
      updateAgendaItem({ itemId: opening.item!.id, expectedVersion: 11, links: ['javascript:alert(1)'] }),
      { token: secretariat.token, lang: 'es' },
    );
    expect(badLink.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(badLink.body.errors?.[0]?.extensions.fields?.[0]).toMatchObject({ field: 'links.0' });
    const edited = (
      await ok(
        t.gql<{ updateAgendaItem: AgendaPayloadData }>(
          updateAgendaItem({ itemId: opening.item!.id, expectedVersion: 11, durationMinutes: 10, presenter: null }),
          { token: secretariat.token },
        ),
      )
    ).updateAgendaItem;
    expect(edited.item).toMatchObject({ number: '2' });
    expect(edited.agenda).toMatchObject({ totalMinutes: 110, overBy: 0 });
    expect(edited.agenda.items[4].presenter).toBeNull();

    // Removing the terms removes Kenya with them; Congo closes up to 1.1.
    const removed = (
      await ok(
        t.gql<{ removeAgendaItem: AgendaPayloadData }>(
          removeAgendaItem({ itemId: terms.item!.id, expectedVersion: 12 }),
          {
            token: secretariat.token,
          },
        ),
      )
    ).removeAgendaItem;
    expect(outline(removed.agenda)).toEqual(['1 Status of the national committees', '1.1 Congo', '2 Opening']);
    expect(removed.agenda.totalMinutes).toBe(75);

    // Only organisers edit: a focal point who reads the meeting is FORBIDDEN (it is a draft: NOT_FOUND).
    const byFocalPoint = await t.gql(
      addAgendaItem({ meetingId: meeting.id, expectedVersion: 13, title: title('Any other business') }),
      { token: kenya.token },
    );
    expect(byFocalPoint.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const audited = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'meeting_agenda_item' AND network_id = $1 ORDER BY id`,
      [icglr],
    )) as { action: string }[];
    expect(audited.map((a) => a.action)).toEqual([
      ...Array(5).fill('addAgendaItem'),
      'moveAgendaItem',
      'moveAgendaItem',
      'moveAgendaItem',
      'moveAgendaItem',
      'moveAgendaItem',
      'updateAgendaItem',
      'removeAgendaItem',
    ]);
  });

  it('refuses to move an item under itself or its own sub-item, in the caller’s language, and changes nothing', async () => {
    const { icglr, secretariat } = await committee();
    const meeting = await created(secretariat.token, meetingInput(icglr));
    const parent = await add(secretariat.token, { meetingId: meeting.id, expectedVersion: 1, title: title('Reports') });
    const child = await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 2,
      parentId: parent.item!.id,
      title: title('Congo'),
    });
    for (const [parentId, lang, message] of [
      [child.item!.id, 'fr', 'Un point ne peut pas être déplacé sous lui-même ni sous l’un de ses sous-points.'],
      [
        parent.item!.id,
        'pt',
        'Um item não pode ser movido para baixo de si mesmo nem de um de seus próprios subitens.',
      ],
    ]) {
      const res = await t.gql(moveAgendaItem({ itemId: parent.item!.id, expectedVersion: 3, parentId, position: 1 }), {
        token: secretariat.token,
        lang,
      });
      expect(res.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.extensions.fields?.[0]).toEqual({ field: 'parentId', message });
    }
    const after = (await agendaOf(secretariat.token, meeting.id)).agenda;
    expect(after.version).toBe(3);
    expect(outline(after)).toEqual(['1 Reports', '1.1 Congo']);
  });

  it('locks the agenda once the meeting is held', async () => {
    const { icglr, secretariat } = await committee();
    const draft = await created(secretariat.token, meetingInput(icglr));
    const item = await add(secretariat.token, { meetingId: draft.id, expectedVersion: 1, title: title('Opening') });
    const scheduled = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', draft.id, draft.version), {
          token: secretariat.token,
        }),
      )
    ).scheduleMeeting;
    await ok(t.gql(meetingStep('markMeetingHeld', scheduled.id, scheduled.version), { token: secretariat.token }));
    const attempts: Operation[] = [
      addAgendaItem({ meetingId: draft.id, expectedVersion: 2, title: title('Late item') }),
      updateAgendaItem({ itemId: item.item!.id, expectedVersion: 2, durationMinutes: 5 }),
      moveAgendaItem({ itemId: item.item!.id, expectedVersion: 2, position: 1 }),
      removeAgendaItem({ itemId: item.item!.id, expectedVersion: 2 }),
    ];
    for (const operation of attempts) {
      const res = await t.gql(operation, { token: secretariat.token, lang: 'es' });
      expect(answer(res.body.errors)).toMatchObject({
        code: 'CONFLICT',
        message: 'Esta reunión está celebrada: su orden del día ya no puede modificarse.',
      });
    }
    const agenda = (await agendaOf(secretariat.token, draft.id)).agenda;
    expect(agenda).toMatchObject({ locked: true, version: 2 });
    expect(outline(agenda)).toEqual(['1 Opening']);
  });

  it('numbers decisions year/meeting/number in the committee’s series; open follow-ups open the next agenda until done', async () => {
    const { icglr, secretariat, congo, kenya } = await committee();
    const brazzaville = await held(secretariat.token, meetingInput(icglr));
    const zanzibar = await held(
      secretariat.token,
      meetingInput(icglr, {
        title: title('Second meeting of the Regional Committee'),
        start: '2011-12-10T09:00',
        end: '2011-12-11T17:00',
        timeZone: 'Africa/Dar_es_Salaam',
      }),
    );
    const fourth = await created(
      secretariat.token,
      meetingInput(icglr, {
        title: title('Fourth meeting of the Regional Committee'),
        start: '2012-02-08T09:00',
        end: '2012-02-08T17:00',
        timeZone: 'Africa/Nairobi',
      }),
    );
    // Another body of the same network (a webinar series) is a series of its own.
    const webinar = await created(
      secretariat.token,
      meetingInput(icglr, { kind: 'WEBINAR', start: '2012-01-10T09:00', end: '2012-01-10T10:00' }),
    );

    const decide = async (meetingId: string, text: string) =>
      (
        await ok(
          t.gql<{ addDecision: DecisionData }>(addDecision({ meetingId, text: title(text) }), {
            token: secretariat.token,
          }),
        )
      ).addDecision;
    // Recorded out of order: the numbers come from the meetings' order, not the recording's.
    const z1 = await decide(zanzibar.id, 'The workplan for 2012 is adopted.');
    const b1 = await decide(brazzaville.id, 'National committees report at each meeting.');
    const b2 = await decide(brazzaville.id, 'The rules of procedure are adopted.');
    expect([b1.number, b2.number, z1.number]).toEqual(['2011/1/1', '2011/1/2', '2011/2/1']);
    expect(z1).toMatchObject({ year: 2011, meetingSequence: 2, position: 1 });

    const audited = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'meeting_decision' AND network_id = $1`,
      [icglr],
    )) as { action: string }[];
    expect(audited).toHaveLength(3);
    // Only a held meeting records decisions.
    const early = await t.gql(addDecision({ meetingId: fourth.id, text: title('Too early') }), {
      token: secretariat.token,
      lang: 'fr',
    });
    expect(answer(early.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Cette réunion est un brouillon : les décisions s’enregistrent une fois qu’elle s’est tenue.',
    });
    const byFocalPoint = await t.gql(addDecision({ meetingId: brazzaville.id, text: title('Mine') }), {
      token: kenya.token,
    });
    expect(byFocalPoint.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const edited = (
      await ok(
        t.gql<{ updateDecision: DecisionData }>(
          updateDecision({
            decisionId: b1.id,
            expectedVersion: 1,
            text: [{ language: 'fr', text: 'Les comités nationaux font rapport à chaque réunion.' }],
          }),
          { token: secretariat.token },
        ),
      )
    ).updateDecision;
    expect(edited).toMatchObject({ version: 2, number: '2011/1/1' });

    const follow = (
      await ok(
        t.gql<{ addFollowUp: FollowUpData }>(
          addFollowUp({
            decisionId: b1.id,
            text: title('Congo sets up its national committee'),
            assignee: { countryCode: 'CG' },
            dueOn: '2011-11-30',
          }),
          { token: secretariat.token },
        ),
      )
    ).addFollowUp;
    expect(follow).toMatchObject({ decisionNumber: '2011/1/1', status: 'OPEN', dueOn: '2011-11-30' });
    const second = (
      await ok(
        t.gql<{ addFollowUp: FollowUpData }>(
          addFollowUp({
            decisionId: b2.id,
            text: title('Translate the rules into English'),
            assignee: { personId: kenya.personId },
          }),
          { token: secretariat.token },
        ),
      )
    ).addFollowUp;
    const badDate = await t.gql(addFollowUp({ decisionId: b2.id, text: title('X'), dueOn: '2011-02-30' }), {
      token: secretariat.token,
    });
    expect(badDate.body.errors?.[0]?.extensions.fields?.[0]?.field).toBe('dueOn');

    // The next meetings of the body open with the review; the webinar series does not.
    const review = async (meetingId: string, lang = 'en') =>
      (await agendaOf(secretariat.token, meetingId, lang)).agenda;
    const atZanzibar = await review(zanzibar.id);
    expect(atZanzibar.items[0]).toMatchObject({
      number: '1',
      generated: true,
      title: { text: 'Review of follow-up actions from previous meetings', language: 'en' },
    });
    expect(atZanzibar.items[0].followUps.map((f) => [f.decisionNumber, f.text.text])).toEqual([
      ['2011/1/1', 'Congo sets up its national committee'],
      ['2011/1/2', 'Translate the rules into English'],
    ]);
    const atFourth = await review(fourth.id, 'fr');
    expect(atFourth.items[0].title.text).toBe('Examen des actions de suivi des réunions précédentes');
    expect(atFourth.items[0].followUps).toHaveLength(2);
    // Stored items come after it.
    const firstItem = await add(secretariat.token, {
      meetingId: fourth.id,
      expectedVersion: 1,
      title: title('Opening'),
    });
    expect(firstItem.item?.number).toBe('2');
    expect((await review(webinar.id)).items).toEqual([]);
    expect((await review(brazzaville.id)).items).toEqual([]);
    // The generated item is computed, not stored: it cannot be edited.
    const generatedEdit = await t.gql(
      moveAgendaItem({ itemId: atFourth.items[0].id, expectedVersion: 2, position: 2 }),
      { token: secretariat.token },
    );
    expect(generatedEdit.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    // Kenya may not close Congo's action, nor may Congo drop it; Congo marks it done.
    const notKenya = await t.gql(setFollowUpStatus({ followUpId: follow.id, expectedVersion: 1, status: 'DONE' }), {
      token: kenya.token,
    });
    expect(notKenya.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const notDrop = await t.gql(setFollowUpStatus({ followUpId: follow.id, expectedVersion: 1, status: 'DROPPED' }), {
      token: congo.token,
    });
    expect(notDrop.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const done = (
      await ok(
        t.gql<{ setFollowUpStatus: FollowUpData }>(
          setFollowUpStatus({ followUpId: follow.id, expectedVersion: 1, status: 'DONE' }),
          { token: congo.token },
        ),
      )
    ).setFollowUpStatus;
    expect(done).toMatchObject({ status: 'DONE', version: 2 });
    const staleStatus = await t.gql(setFollowUpStatus({ followUpId: follow.id, expectedVersion: 1, status: 'OPEN' }), {
      token: secretariat.token,
    });
    expect(staleStatus.body.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect((await review(fourth.id)).items[0].followUps.map((f) => f.id)).toEqual([second.id]);

    // The assignee (a person) marks theirs done; the review disappears altogether.
    await ok(
      t.gql(setFollowUpStatus({ followUpId: second.id, expectedVersion: 1, status: 'DONE' }), { token: kenya.token }),
    );
    const cleared = await review(fourth.id);
    expect(outline(cleared)).toEqual(['1 Opening']);

    // The organisers reassign and reopen; the decision lists its follow-ups.
    const reassigned = (
      await ok(
        t.gql<{ updateFollowUp: FollowUpData }>(
          updateFollowUp({ followUpId: second.id, expectedVersion: 2, assignee: { countryCode: 'KE' }, dueOn: null }),
          { token: secretariat.token },
        ),
      )
    ).updateFollowUp;
    expect(reassigned).toMatchObject({ assignee: { personId: null, countryCode: 'KE' }, dueOn: null, status: 'DONE' });
    const decisions = (await agendaOf(secretariat.token, brazzaville.id)).decisions;
    expect(decisions.map((d) => [d.number, d.followUps.map((f) => f.status)])).toEqual([
      ['2011/1/1', ['DONE']],
      ['2011/1/2', ['DONE']],
    ]);
  });

  it('serves a published PUBLIC communiqué to readers who may not read the meeting, and nothing else', async () => {
    const { icglr, secretariat, kenya } = await committee();
    const outsiderNetwork = (await insertNetwork(t.dataSource)).id;
    const outsider = await signedInMember(t, { networkId: outsiderNetwork, role: 'SECRETARIAT' });
    const meeting = await created(secretariat.token, meetingInput(icglr, { visibility: 'NETWORK' }));
    const missing = await t.gql(communique(randomUUID()), { token: outsider.token });
    expect(missing.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const draft = (
      await ok(
        t.gql<{ setCommunique: CommuniqueData }>(
          setCommunique({
            meetingId: meeting.id,
            text: [
              { language: 'en', text: 'Final communiqué of the first meeting.', status: 'ORIGINAL' },
              { language: 'fr', text: 'Communiqué final de la première réunion.' },
            ],
          }),
          { token: secretariat.token },
        ),
      )
    ).setCommunique;
    expect(draft).toMatchObject({ visibility: 'PUBLIC', publishedAt: null, version: 1 });
    // A draft is the organisers' own: for anyone else it answers exactly like a missing one.
    for (const token of [outsider.token, kenya.token, undefined]) {
      const res = await t.gql(communique(meeting.id), { token });
      expect(answer(res.body.errors)).toEqual(answer(missing.body.errors));
    }
    const early = await t.gql(publishCommunique({ meetingId: meeting.id, expectedVersion: 1 }), {
      token: secretariat.token,
    });
    expect(early.body.errors?.[0]?.extensions.code).toBe('CONFLICT');

    const scheduled = (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', meeting.id, meeting.version), {
          token: secretariat.token,
        }),
      )
    ).scheduleMeeting;
    await ok(t.gql(meetingStep('markMeetingHeld', scheduled.id, scheduled.version), { token: secretariat.token }));
    const byFocalPoint = await t.gql(publishCommunique({ meetingId: meeting.id, expectedVersion: 1 }), {
      token: kenya.token,
    });
    expect(byFocalPoint.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const published = (
      await ok(
        t.gql<{ publishCommunique: CommuniqueData }>(publishCommunique({ meetingId: meeting.id, expectedVersion: 1 }), {
          token: secretariat.token,
        }),
      )
    ).publishCommunique;
    expect(published.publishedAt).not.toBeNull();

    // The outsider cannot read the meeting, but reads its public communiqué (anonymous readers too).
    const hidden = await t.gql(meetingById(meeting.id), { token: outsider.token });
    expect(hidden.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    for (const token of [outsider.token, undefined]) {
      const read = await ok(t.gql<{ communique: CommuniqueData }>(communique(meeting.id), { token, lang: 'fr' }));
      expect(read.communique.text).toEqual({ text: 'Communiqué final de la première réunion.', language: 'fr' });
    }

    // Narrowed to the network, it leaves the outsider exactly as a missing one would.
    await ok(
      t.gql(setCommunique({ meetingId: meeting.id, expectedVersion: 2, visibility: 'NETWORK' }), {
        token: secretariat.token,
      }),
    );
    const narrowed = await t.gql(communique(meeting.id), { token: outsider.token });
    expect(answer(narrowed.body.errors)).toEqual(answer(missing.body.errors));
    const member = await ok(t.gql<{ communique: CommuniqueData }>(communique(meeting.id), { token: kenya.token }));
    expect(member.communique.visibility).toBe('NETWORK');
    const stale = await t.gql(setCommunique({ meetingId: meeting.id, expectedVersion: 2, visibility: 'PUBLIC' }), {
      token: secretariat.token,
    });
    expect(stale.body.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('shows a presenting person only to readers who may see them in the directory', async () => {
    const { icglr, secretariat, kenya } = await committee();
    const outsider = await signedInMember(t, { networkId: (await insertNetwork(t.dataSource)).id, role: 'OBSERVER' });
    const meeting = await created(secretariat.token, meetingInput(icglr, { visibility: 'PUBLIC' }));
    await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 1,
      title: title('Status of the national committees'),
      presenter: { personId: kenya.personId },
    });
    await add(secretariat.token, {
      meetingId: meeting.id,
      expectedVersion: 2,
      title: title('Host country'),
      presenter: { countryCode: 'CG' },
    });
    await ok(t.gql(meetingStep('scheduleMeeting', meeting.id, meeting.version), { token: secretariat.token }));
    const own = (await agendaOf(secretariat.token, meeting.id)).agenda;
    expect(own.items.map((i) => i.presenter?.name ?? i.presenter?.countryCode)).toEqual(['Kenya focal point', 'CG']);
    const seen = (await agendaOf(outsider.token, meeting.id)).agenda;
    expect(seen.items.map((i) => i.presenter)).toEqual([null, { personId: null, name: null, countryCode: 'CG' }]);
  });

  it('answers every new mutation given another network’s ids exactly like a missing id, and changes nothing', async () => {
    const { icglr, secretariat } = await committee();
    const other = (await insertNetwork(t.dataSource)).id;
    await insertMemberState(t.dataSource, { networkId: other, countryCode: 'PE' });
    const stranger = await signedInMember(t, { networkId: other, role: 'SECRETARIAT' });
    const own = await created(stranger.token, meetingInput(other));
    const ownItem = await add(stranger.token, { meetingId: own.id, expectedVersion: 1, title: title('Mine') });

    const theirs = await held(secretariat.token, meetingInput(icglr));
    const draft = await created(
      secretariat.token,
      meetingInput(icglr, { start: '2012-01-10T09:00', end: '2012-01-10T10:00' }),
    );
    const item = await add(secretariat.token, { meetingId: draft.id, expectedVersion: 1, title: title('Theirs') });
    const decision = (
      await ok(
        t.gql<{ addDecision: DecisionData }>(addDecision({ meetingId: theirs.id, text: title('Adopted') }), {
          token: secretariat.token,
        }),
      )
    ).addDecision;
    const follow = (
      await ok(
        t.gql<{ addFollowUp: FollowUpData }>(addFollowUp({ decisionId: decision.id, text: title('Do it') }), {
          token: secretariat.token,
        }),
      )
    ).addFollowUp;
    await ok(
      t.gql(setCommunique({ meetingId: theirs.id, text: title('Communiqué'), visibility: 'NETWORK' }), {
        token: secretariat.token,
      }),
    );
    const auditBefore = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE network_id = $1`, [
      icglr,
    ])) as { n: number }[];

    const cases: [(id: string) => Operation, string][] = [
      [(id) => addAgendaItem({ meetingId: id, expectedVersion: 2, title: title('X') }), draft.id],
      [(id) => updateAgendaItem({ itemId: id, expectedVersion: 2, durationMinutes: 5 }), item.item!.id],
      [(id) => moveAgendaItem({ itemId: id, expectedVersion: 2, position: 1 }), item.item!.id],
      [(id) => removeAgendaItem({ itemId: id, expectedVersion: 2 }), item.item!.id],
      [(id) => addDecision({ meetingId: id, text: title('X') }), theirs.id],
      [(id) => updateDecision({ decisionId: id, expectedVersion: 1, text: title('X') }), decision.id],
      [(id) => addFollowUp({ decisionId: id, text: title('X') }), decision.id],
      [(id) => updateFollowUp({ followUpId: id, expectedVersion: 1, dueOn: '2012-01-01' }), follow.id],
      [(id) => setFollowUpStatus({ followUpId: id, expectedVersion: 1, status: 'DROPPED' }), follow.id],
      [(id) => setCommunique({ meetingId: id, expectedVersion: 1, visibility: 'PUBLIC' }), theirs.id],
      [(id) => publishCommunique({ meetingId: id, expectedVersion: 1 }), theirs.id],
    ];
    for (const [operation, id] of cases) {
      const hidden = await t.gql(operation(id), { token: stranger.token });
      const random = await t.gql(operation(randomUUID()), { token: stranger.token });
      expect(hidden.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(answer(hidden.body.errors)).toEqual(answer(random.body.errors));
    }
    // Their item as the parent (or their member state as presenter) of the stranger's own item: as if missing.
    const underTheirs = await t.gql(
      moveAgendaItem({ itemId: ownItem.item!.id, expectedVersion: 2, parentId: item.item!.id, position: 1 }),
      { token: stranger.token },
    );
    const underRandom = await t.gql(
      moveAgendaItem({ itemId: ownItem.item!.id, expectedVersion: 2, parentId: randomUUID(), position: 1 }),
      { token: stranger.token },
    );
    expect(underTheirs.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(answer(underTheirs.body.errors)).toEqual(answer(underRandom.body.errors));
    const theirPresenter = await t.gql(
      updateAgendaItem({ itemId: ownItem.item!.id, expectedVersion: 2, presenter: { personId: secretariat.personId } }),
      { token: stranger.token },
    );
    const randomPresenter = await t.gql(
      updateAgendaItem({ itemId: ownItem.item!.id, expectedVersion: 2, presenter: { personId: randomUUID() } }),
      { token: stranger.token },
    );
    expect(theirPresenter.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(answer(theirPresenter.body.errors)).toEqual(answer(randomPresenter.body.errors));

    const auditAfter = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE network_id = $1`, [
      icglr,
    ])) as { n: number }[];
    expect(auditAfter[0].n).toBe(auditBefore[0].n);
    const agenda = (await agendaOf(secretariat.token, draft.id)).agenda;
    expect(agenda.version).toBe(2);
    // (The draft is the body's next meeting: it opens with the review of the open follow-up.)
    expect(outline(agenda)).toEqual(['1 Review of follow-up actions from previous meetings', '2 Theirs']);
    const record = await agendaOf(secretariat.token, theirs.id);
    expect(record.decisions.map((d) => [d.number, d.version, d.followUps.map((f) => [f.status, f.version])])).toEqual([
      ['2011/1/1', 1, [['OPEN', 1]]],
    ]);
    const kept = await ok(t.gql<{ communique: CommuniqueData }>(communique(theirs.id), { token: secretariat.token }));
    expect(kept.communique).toMatchObject({ visibility: 'NETWORK', publishedAt: null, version: 1 });
  });

  it('reads a page of 50 meetings with agendas, reviews, decisions and invitation counts in as many statements as a page of 5', async () => {
    const { icglr, secretariat, congo, kenya } = await committee();
    const ids = (await t.dataSource.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       SELECT $1, 'WEBINAR', '{"en": {"text": "Webinar", "status": "ORIGINAL"}}',
              timestamptz '2012-01-01 10:00Z' + n * interval '1 day', timestamptz '2012-01-01 12:00Z' + n * interval '1 day',
              'UTC', 'NETWORK', 'HELD'
         FROM generate_series(1, 50) AS n RETURNING id`,
      [icglr],
    )) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO meeting_agenda_item (meeting_id, position, title, duration_minutes)
       SELECT m, p, '{"en": {"text": "Item", "status": "ORIGINAL"}}', 30
         FROM unnest(CAST($1 AS uuid[])) AS m, generate_series(1, 3) AS p`,
      [ids.map((r) => r.id)],
    );
    await t.dataSource.query(
      `INSERT INTO meeting_decision (meeting_id, number, series_number, text)
       SELECT m, 1, 1, '{"en": {"text": "Decided", "status": "ORIGINAL"}}' FROM unnest(CAST($1 AS uuid[])) AS m`,
      [ids.map((r) => r.id)],
    );
    await t.dataSource.query(
      `INSERT INTO meeting_follow_up (decision_id, meeting_id, text)
       SELECT d.id, d.meeting_id, '{"en": {"text": "Follow up", "status": "ORIGINAL"}}'
         FROM meeting_decision d WHERE d.meeting_id = ANY(CAST($1 AS uuid[]))`,
      [ids.map((r) => r.id)],
    );
    // Two invitees each, one of whom accepted.
    await t.dataSource.query(
      `INSERT INTO meeting_invitee (meeting_id, person_id, response)
       SELECT m, p.id, p.response FROM unnest(CAST($1 AS uuid[])) AS m,
              (VALUES (CAST($2 AS uuid), 'ACCEPTED'), (CAST($3 AS uuid), 'PENDING')) AS p(id, response)`,
      [ids.map((r) => r.id), congo.personId, kenya.personId],
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
        const res = await t.gql<{
          meetings: {
            edges: {
              node: {
                agenda: AgendaData;
                decisions: DecisionData[];
                rsvp: { invited: number; accepted: number; pending: number };
                invitees: { personId: string }[];
              };
            }[];
          };
        }>(operation, { token: secretariat.token });
        expect(res.body.errors).toBeUndefined();
        res.body.data!.meetings.edges.forEach((edge, i) => {
          expect(edge.node.agenda.totalMinutes).toBe(90);
          expect(edge.node.decisions[0].followUps).toHaveLength(1);
          // Every meeting after the first opens with the review of the earlier ones' follow-ups.
          expect(edge.node.agenda.items[0].generated).toBe(i > 0);
          expect(edge.node.rsvp).toMatchObject({ invited: 2, accepted: 1, pending: 1 });
          expect(edge.node.invitees).toHaveLength(2);
        });
        return statements.length;
      } finally {
        Client.prototype.query = original;
      }
    }
    const five = await count(meetingsWithAgendas(icglr, 5));
    const fifty = await count(meetingsWithAgendas(icglr, 50));
    expect(fifty).toBe(five);
    // The session, the page (with its answer counts), its count, the agendas, the reviews, the decisions,
    // their follow-ups and the invitees.
    expect(fifty).toBeLessThanOrEqual(8);
  });
});
