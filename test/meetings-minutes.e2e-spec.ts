import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { insertMemberState, insertNetwork } from '@enlace/testing';
import { createMeeting, inviteToMeeting, MeetingData, meetingById, meetingStep } from './support/meetings.operations';
import { signedInMember, SignedInMember } from './support/members';
import {
  approveMinutes,
  circulateMinutes,
  delegateInvitation,
  MeetingWithMinutes,
  meetingMinutes,
  MinutesData,
  recordAttendance,
  saveMinutes,
  signOffMinutes,
} from './support/minutes.operations';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { GraphqlResponse, Operation, startTestApp, TestApp } from './support/test-app';

type Errors = GraphqlResponse['body']['errors'];

describe('meeting minutes, sign-off by member state, attendance and delegation', () => {
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

  function answer(errors: Errors) {
    return {
      code: errors?.[0]?.extensions.code,
      message: errors?.[0]?.message,
      fields: errors?.[0]?.extensions.fields,
    };
  }

  /**
   * The ICGLR Regional Committee: Congo, Kenya, Tanzania and Uganda, whose focal points attend, and
   * Rwanda, whose focal point is invited but absent; alternates for Tanzania and Uganda; an observer.
   */
  async function committee() {
    const icglr = (await insertNetwork(t.dataSource, { defaultLanguage: 'fr', workingLanguages: ['fr', 'en'] })).id;
    for (const code of ['CG', 'KE', 'TZ', 'UG', 'RW']) {
      await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    }
    const secretariat = await signedInMember(t, { name: 'Secrétariat CIRGL', networkId: icglr, role: 'SECRETARIAT' });
    const focal = (name: string, memberState: string, preferredLanguage = 'en') =>
      signedInMember(t, { name, networkId: icglr, role: 'FOCAL_POINT', memberState, preferredLanguage });
    const fp: Record<'CG' | 'KE' | 'TZ' | 'UG' | 'RW', SignedInMember> = {
      CG: await focal('Point focal Congo', 'CG', 'fr'),
      KE: await focal('Kenya focal point', 'KE'),
      TZ: await focal('Mratibu Tanzania', 'TZ'),
      UG: await focal('Uganda focal point', 'UG'),
      RW: await focal('Point focal Rwanda', 'RW', 'fr'),
    };
    const alt = {
      TZ: await signedInMember(t, {
        name: 'Suppléante Tanzanie',
        networkId: icglr,
        role: 'ALTERNATE_FOCAL_POINT',
        memberState: 'TZ',
        preferredLanguage: 'fr',
      }),
      UG: await signedInMember(t, {
        name: 'Uganda alternate',
        networkId: icglr,
        role: 'ALTERNATE_FOCAL_POINT',
        memberState: 'UG',
      }),
    };
    const observer = await signedInMember(t, { name: 'Observateur UA', networkId: icglr, role: 'OBSERVER' });
    return { icglr, secretariat, fp, alt, observer };
  }

  type Committee = Awaited<ReturnType<typeof committee>>;

  /** Zanzibar, 10–11 December 2011: created, the focal points and the observer invited, scheduled. */
  async function zanzibar(c: Committee): Promise<MeetingData> {
    const token = c.secretariat.token;
    const created = (
      await ok(
        t.gql<{ createMeeting: MeetingData }>(
          createMeeting({
            networkId: c.icglr,
            kind: 'REGIONAL_COMMITTEE',
            title: [
              { language: 'fr', text: 'Deuxième réunion du Comité régional', status: 'ORIGINAL' },
              { language: 'en', text: 'Second meeting of the Regional Committee' },
            ],
            start: '2011-12-10T09:00',
            end: '2011-12-11T17:00',
            timeZone: 'Africa/Dar_es_Salaam',
            place: 'Zanzibar',
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
          personIds: [c.observer.personId],
        }),
        { token },
      ),
    );
    return (
      await ok(
        t.gql<{ scheduleMeeting: MeetingData }>(meetingStep('scheduleMeeting', created.id, created.version), { token }),
      )
    ).scheduleMeeting;
  }

  async function held(c: Committee, meeting: MeetingData): Promise<MeetingData> {
    const current = (await ok(t.gql<{ meeting: MeetingData }>(meetingById(meeting.id), { token: c.secretariat.token })))
      .meeting;
    return (
      await ok(
        t.gql<{ markMeetingHeld: MeetingData }>(meetingStep('markMeetingHeld', meeting.id, current.version), {
          token: c.secretariat.token,
        }),
      )
    ).markMeetingHeld;
  }

  const read = async (id: string, token: string, lang = 'en') =>
    (await ok(t.gql<{ meeting: MeetingWithMinutes }>(meetingMinutes(id), { token, lang }))).meeting;

  const notes = async (member: SignedInMember) =>
    (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), {
          token: member.token,
        }),
      )
    ).myNotifications.edges.map((e) => e.node);

  const ENGLISH =
    'The Regional Committee reviewed the status of each national committee and the draft terms of reference.';
  const FRENCH = 'Le Comité régional a examiné l’état de chaque comité national et le projet de termes de référence.';

  it('recreates the Zanzibar minutes: English ORIGINAL, French OFFICIAL, approved by 3 of 4 states present with one objection', async () => {
    const c = await committee();
    const meeting = await zanzibar(c);
    const sec = c.secretariat.token;

    // Tanzania's focal point cannot travel: the invitation goes to the alternate, told in French.
    const delegated = (
      await ok(
        t.gql<{ delegateMeetingInvitation: { myResponse: string | null } }>(delegateInvitation(meeting.id), {
          token: c.fp.TZ.token,
        }),
      )
    ).delegateMeetingInvitation;
    expect(delegated.myResponse).toBeNull();
    const told = (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), {
          token: c.alt.TZ.token,
        }),
      )
    ).myNotifications.edges.map((e) => e.node);
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'meetingDelegated',
        subjectId: meeting.id,
        language: 'fr',
        title: 'Mratibu Tanzania vous a transmis l’invitation : Deuxième réunion du Comité régional',
      }),
    ]);
    expect(told[0].body).toContain('pour République unie de Tanzanie en tant que point focal suppléant');
    // The focal point keeps reading the meeting as a former invitee; the alternate holds the invitation.
    expect((await read(meeting.id, c.fp.TZ.token)).myResponse).toBeNull();
    expect((await read(meeting.id, c.alt.TZ.token)).myResponse).toBe('PENDING');
    const organiserView = await read(meeting.id, sec);
    expect(organiserView.invitees?.find((i) => i.personId === c.alt.TZ.personId)).toMatchObject({
      delegatedFromPersonId: c.fp.TZ.personId,
      delegatedState: 'TZ',
    });
    expect(organiserView.invitees?.some((i) => i.personId === c.fp.TZ.personId)).toBe(false);

    // Minutes wait for the meeting to be held; attendance too.
    const early = await t.gql(saveMinutes({ meetingId: meeting.id, text: [{ language: 'en', text: ENGLISH }] }), {
      token: sec,
      lang: 'fr',
    });
    expect(answer(early.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Cette réunion est convoquée : le procès-verbal se rédige une fois la réunion tenue.',
    });
    await held(c, meeting);
    const present = [c.fp.CG, c.fp.KE, c.alt.TZ, c.fp.UG, c.observer].map((p) => ({
      personId: p.personId,
      present: 'PRESENT',
    }));
    const attendance = (
      await ok(
        t.gql<{ recordAttendance: { invitees: { personId: string; attendance: string | null }[] } }>(
          recordAttendance(meeting.id, [...present, { personId: c.fp.RW.personId, present: 'ABSENT' }]),
          { token: sec },
        ),
      )
    ).recordAttendance;
    expect(attendance.invitees.filter((i) => i.attendance === 'PRESENT')).toHaveLength(5);

    // English original, then the French translation made official: two revisions kept.
    const first = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({ meetingId: meeting.id, text: [{ language: 'en', text: ENGLISH }] }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    expect(first).toMatchObject({ status: 'DRAFT', revision: 1, quorum: { numerator: 2, denominator: 3 } });
    expect(first.text.translations).toEqual([{ language: 'en', text: ENGLISH, status: 'ORIGINAL' }]);
    // Draft minutes are the organisers' own.
    expect((await read(meeting.id, c.fp.CG.token)).minutes).toBeNull();
    const second = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({
            meetingId: meeting.id,
            expectedVersion: first.version,
            text: [{ language: 'fr', text: FRENCH, status: 'OFFICIAL' }],
          }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    expect(second.revision).toBe(2);
    expect(second.text.translations).toEqual([
      { language: 'en', text: ENGLISH, status: 'ORIGINAL' },
      { language: 'fr', text: FRENCH, status: 'OFFICIAL' },
    ]);
    const circulated = (
      await ok(
        t.gql<{ circulateMeetingMinutes: MinutesData }>(circulateMinutes(meeting.id, second.version), { token: sec }),
      )
    ).circulateMeetingMinutes;
    expect(circulated).toMatchObject({
      status: 'CIRCULATED',
      presentStates: ['CG', 'KE', 'TZ', 'UG'],
      approvalsNeeded: 3,
    });
    const fr = await read(meeting.id, c.fp.CG.token, 'fr');
    expect(fr.minutes?.text).toMatchObject({ text: FRENCH, language: 'fr', status: 'OFFICIAL' });
    expect(fr.minutes?.revisions?.map((r) => r.revision)).toEqual([2, 1]);

    // Rwanda was absent: its focal point has no voice. The observer represents no state.
    const absent = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), {
      token: c.fp.RW.token,
      lang: 'fr',
    });
    expect(answer(absent.body.errors)).toMatchObject({
      code: 'FORBIDDEN',
      message:
        'Vous ne représentez aucun État membre enregistré comme présent à cette réunion : seul le point focal présent (ou le suppléant qui détient une invitation transmise) signe pour un État membre.',
    });
    const observer = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), {
      token: c.observer.token,
    });
    expect(answer(observer.body.errors).code).toBe('FORBIDDEN');
    // An objection needs its reason.
    const bare = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'OBJECT' }), {
      token: c.fp.UG.token,
      lang: 'es',
    });
    expect(answer(bare.body.errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'reason', message: 'Indique el motivo de la objeción: se registra y se muestra con el acta.' }],
    });

    const sign = async (member: SignedInMember, decision: 'APPROVE' | 'OBJECT', reason?: string) =>
      (
        await ok(
          t.gql<{ signOffMinutes: MinutesData }>(signOffMinutes({ meetingId: meeting.id, decision, reason }), {
            token: member.token,
          }),
        )
      ).signOffMinutes;
    const objection = 'Paragraph 4 misstates the status of the Ugandan national committee.';
    expect((await sign(c.fp.UG, 'OBJECT', objection)).status).toBe('CIRCULATED');
    expect((await sign(c.fp.CG, 'APPROVE')).status).toBe('CIRCULATED');
    const two = await sign(c.fp.KE, 'APPROVE');
    expect(two).toMatchObject({ status: 'CIRCULATED', approvals: 2, approvalsNeeded: 3 });
    // Tanzania's voice, given by the alternate holding the delegated invitation: 3 of 4, two thirds reached.
    const approved = await sign(c.alt.TZ, 'APPROVE');
    expect(approved).toMatchObject({ status: 'APPROVED', approvals: 3, presentStates: ['CG', 'KE', 'TZ', 'UG'] });
    expect(approved.approvedAt).not.toBeNull();
    expect(approved.signOffs.map((s) => [s.memberState, s.decision, s.reason])).toEqual([
      ['CG', 'APPROVE', null],
      ['KE', 'APPROVE', null],
      ['TZ', 'APPROVE', null],
      ['UG', 'OBJECT', objection],
    ]);
    expect(approved.signOffs.find((s) => s.memberState === 'TZ')?.personName).toBe('Suppléante Tanzanie');
    // The invitees are told, each in their language; the chair's approveMinutes has nothing left to do.
    expect((await notes(c.fp.RW)).filter((n) => n.kind === 'minutesApproved').map((n) => n.title)).toEqual([
      'Procès-verbal approuvé : Deuxième réunion du Comité régional',
    ]);
    const again = await t.gql(approveMinutes(meeting.id, approved.version), { token: sec, lang: 'fr' });
    expect(answer(again.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message:
        'Ce procès-verbal est déjà approuvé : les approbations des États membres ont atteint le quorum, et un procès-verbal approuvé est définitif.',
    });

    // Approved minutes are final: an edit is refused in the reader's language, and nothing changes.
    const edit = await t.gql(
      saveMinutes({ meetingId: meeting.id, expectedVersion: approved.version, text: [{ language: 'en', text: 'x' }] }),
      { token: sec, lang: 'pt' },
    );
    expect(answer(edit.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Esta ata está aprovada: não pode mais ser alterada nem assinada.',
    });
    const late = await t.gql(recordAttendance(meeting.id, [{ personId: c.fp.RW.personId, present: 'PRESENT' }]), {
      token: sec,
    });
    expect(answer(late.body.errors).code).toBe('CONFLICT');
    const afterwards = await read(meeting.id, sec);
    expect(afterwards.minutes).toMatchObject({ status: 'APPROVED', revision: 2, version: approved.version });
    expect(afterwards.minutes?.revisions).toHaveLength(2);

    // The observer reads the approved minutes and the objection, but no names: neither the signers' nor
    // the other invitees'.
    const seen = await read(meeting.id, c.observer.token);
    expect(seen.minutes?.signOffs.map((s) => [s.memberState, s.personName])).toEqual([
      ['CG', null],
      ['KE', null],
      ['TZ', null],
      ['UG', null],
    ]);
    expect(seen.minutes?.signOffs.find((s) => s.memberState === 'UG')?.reason).toBe(objection);
    expect(seen.invitees?.map((i) => i.personId)).toEqual([c.observer.personId]);
    expect((await read(meeting.id, c.fp.KE.token)).invitees).toHaveLength(6);

    // Every change is audited in the committee's network.
    const audit = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE network_id = $1 AND action IN
         ('delegateInvitation', 'recordAttendance', 'createMinutes', 'updateMinutes', 'circulateMinutes', 'signOffMinutes')
       ORDER BY id`,
      [c.icglr],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'delegateInvitation',
      'recordAttendance',
      'createMinutes',
      'updateMinutes',
      'circulateMinutes',
      'signOffMinutes',
      'signOffMinutes',
      'signOffMinutes',
      'signOffMinutes',
    ]);
  });

  it('records exactly one voice when two representatives of one state sign at the same moment', async () => {
    const c = await committee();
    const meeting = await zanzibar(c);
    const sec = c.secretariat.token;
    // Uganda's focal point hands the invitation to the alternate, then comes after all: both attend.
    await ok(t.gql(delegateInvitation(meeting.id), { token: c.fp.UG.token }));
    await ok(t.gql(inviteToMeeting({ meetingId: meeting.id, personIds: [c.fp.UG.personId] }), { token: sec }));
    await held(c, meeting);
    await ok(
      t.gql(
        recordAttendance(
          meeting.id,
          [c.fp.CG, c.fp.KE, c.fp.UG, c.alt.UG].map((p) => ({ personId: p.personId, present: 'PRESENT' })),
        ),
        { token: sec },
      ),
    );
    const draft = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({ meetingId: meeting.id, text: [{ language: 'en', text: ENGLISH }] }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    const circulated = (
      await ok(
        t.gql<{ circulateMeetingMinutes: MinutesData }>(circulateMinutes(meeting.id, draft.version), { token: sec }),
      )
    ).circulateMeetingMinutes;
    expect(circulated.presentStates).toEqual(['CG', 'KE', 'UG']);

    const [a, b] = await Promise.all([
      t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), { token: c.fp.UG.token }),
      t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'OBJECT', reason: 'Not our text.' }), {
        token: c.alt.UG.token,
        lang: 'fr',
      }),
    ]);
    const outcomes = [a, b].map((r) => (r.body.errors ? r.body.errors[0].extensions.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const voices = (await t.dataSource.query(
      `SELECT so.member_state, so.decision FROM meeting_minutes_signoff so WHERE so.minutes_id = $1`,
      [draft.id],
    )) as { member_state: string; decision: string }[];
    expect(voices).toHaveLength(1);
    expect(voices[0].member_state).toBe('UG');
    // A second voice for the same state later on: CONFLICT too.
    const again = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), {
      token: c.fp.UG.token,
    });
    expect(answer(again.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Uganda has already given its voice on these minutes: each member state has one.',
    });
  });

  it('refuses delegation clearly when there is no alternate, or from anyone but an invited focal point', async () => {
    const c = await committee();
    const meeting = await zanzibar(c);
    const none = await t.gql(delegateInvitation(meeting.id), { token: c.fp.KE.token, lang: 'fr' });
    expect(answer(none.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message:
        'Kenya n’a pas de point focal suppléant en fonction dans ce réseau : l’invitation ne peut pas être transmise. Désignez d’abord un suppléant dans l’annuaire.',
    });
    expect((await read(meeting.id, c.fp.KE.token)).myResponse).toBe('PENDING');
    const observer = await t.gql(delegateInvitation(meeting.id), { token: c.observer.token });
    expect(answer(observer.body.errors).code).toBe('FORBIDDEN');
    // The alternate is not invited: nothing to hand over, the same answer as an unknown meeting.
    const notInvited = await t.gql(delegateInvitation(meeting.id), { token: c.alt.UG.token });
    const unknown = await t.gql(delegateInvitation(randomUUID()), { token: c.alt.UG.token });
    expect(answer(notInvited.body.errors)).toEqual(answer(unknown.body.errors));
    expect(answer(unknown.body.errors).code).toBe('NOT_FOUND');
    // Once the meeting is held, invitations stay where they are.
    await held(c, meeting);
    const heldAlready = await t.gql(delegateInvitation(meeting.id), { token: c.fp.UG.token });
    expect(answer(heldAlready.body.errors).code).toBe('CONFLICT');
    // Attendance only for invitees, and each once.
    const outsider = await t.gql(
      recordAttendance(meeting.id, [
        { personId: c.fp.CG.personId, present: 'PRESENT' },
        { personId: c.alt.UG.personId, present: 'PRESENT' },
        { personId: c.fp.CG.personId, present: 'ABSENT' },
      ]),
      { token: c.secretariat.token, lang: 'en' },
    );
    expect(answer(outsider.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(answer(outsider.body.errors).fields).toEqual([
      { field: 'entries.2.personId', message: 'This person appears twice in the list.' },
    ]);
    const notInvitee = await t.gql(
      recordAttendance(meeting.id, [{ personId: c.alt.UG.personId, present: 'PRESENT' }]),
      {
        token: c.secretariat.token,
      },
    );
    expect(answer(notInvitee.body.errors).fields).toEqual([
      { field: 'entries.0.personId', message: 'Attendance can be recorded only for people invited to this meeting.' },
    ]);
    const byMember = await t.gql(recordAttendance(meeting.id, [{ personId: c.fp.CG.personId, present: 'PRESENT' }]), {
      token: c.fp.CG.token,
    });
    expect(answer(byMember.body.errors).code).toBe('FORBIDDEN');
    expect((await read(meeting.id, c.secretariat.token)).invitees?.every((i) => i.attendance === null)).toBe(true);
  });

  it('refuses bad minutes input and stale versions, and freezes the text once the first voice is given', async () => {
    const c = await committee();
    const meeting = await held(c, await zanzibar(c));
    const sec = c.secretariat.token;
    const quorum = await t.gql(
      saveMinutes({
        meetingId: meeting.id,
        text: [{ language: 'en', text: ENGLISH }],
        quorum: { numerator: 4, denominator: 3 },
      }),
      { token: sec, lang: 'fr' },
    );
    expect(answer(quorum.body.errors).fields).toEqual([
      {
        field: 'quorum',
        message:
          'Indiquez le quorum sous forme de fraction, par exemple 2/3 : des nombres entiers, le numérateur entre 1 et le dénominateur, le dénominateur au plus 100.',
      },
    ]);
    expect((await read(meeting.id, sec)).minutes).toBeNull();
    const draft = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({
            meetingId: meeting.id,
            text: [{ language: 'en', text: ENGLISH }],
            quorum: { numerator: 1, denominator: 2 },
          }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    expect(draft.quorum).toEqual({ numerator: 1, denominator: 2 });
    const stale = await t.gql(
      saveMinutes({
        meetingId: meeting.id,
        expectedVersion: draft.version + 1,
        text: [{ language: 'fr', text: FRENCH }],
      }),
      { token: sec },
    );
    expect(answer(stale.body.errors).code).toBe('CONFLICT');
    const notYet = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), {
      token: c.fp.CG.token,
    });
    expect(answer(notYet.body.errors).code).toBe('CONFLICT');
    await ok(
      t.gql(
        recordAttendance(
          meeting.id,
          [c.fp.CG, c.fp.KE, c.fp.TZ].map((p) => ({ personId: p.personId, present: 'PRESENT' })),
        ),
        { token: sec },
      ),
    );
    const circulated = (
      await ok(
        t.gql<{ circulateMeetingMinutes: MinutesData }>(circulateMinutes(meeting.id, draft.version), { token: sec }),
      )
    ).circulateMeetingMinutes;
    await ok(
      t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'OBJECT', reason: 'Too short.' }), {
        token: c.fp.CG.token,
      }),
    );
    const frozen = await t.gql(
      saveMinutes({
        meetingId: meeting.id,
        expectedVersion: circulated.version,
        text: [{ language: 'fr', text: FRENCH }],
      }),
      { token: sec },
    );
    expect(answer(frozen.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Member states have started signing these minutes: their text and quorum can no longer change.',
    });
    // Half of three states is two approvals.
    await ok(t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), { token: c.fp.KE.token }));
    const done = (
      await ok(
        t.gql<{ signOffMinutes: MinutesData }>(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), {
          token: c.fp.TZ.token,
        }),
      )
    ).signOffMinutes;
    expect(done).toMatchObject({ status: 'APPROVED', approvals: 2, approvalsNeeded: 2 });
  });

  it('asks the states present to sign off, and lets the chair approve only once the quorum holds', async () => {
    const c = await committee();
    const meeting = await held(c, await zanzibar(c));
    const sec = c.secretariat.token;
    const present = [c.fp.CG, c.fp.KE, c.fp.TZ, c.fp.UG, c.observer].map((p) => ({
      personId: p.personId,
      present: 'PRESENT',
    }));
    await ok(
      t.gql(recordAttendance(meeting.id, [...present, { personId: c.fp.RW.personId, present: 'ABSENT' }]), {
        token: sec,
      }),
    );
    const draft = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({ meetingId: meeting.id, text: [{ language: 'fr', text: FRENCH, status: 'OFFICIAL' }] }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    const early = await t.gql(approveMinutes(meeting.id, draft.version), { token: sec, lang: 'en' });
    expect(answer(early.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'These minutes have not been circulated yet: member states sign them once they are.',
    });
    const circulated = (
      await ok(
        t.gql<{ circulateMeetingMinutes: MinutesData }>(circulateMinutes(meeting.id, draft.version), { token: sec }),
      )
    ).circulateMeetingMinutes;

    // Each representative of a state present is asked, in their language; the absent state and the
    // observer are not.
    const asked = async (member: SignedInMember) =>
      (await notes(member)).filter((n) => n.kind === 'minutesCirculated' && n.subjectId === meeting.id);
    expect((await asked(c.fp.CG)).map((n) => [n.language, n.title])).toEqual([
      ['fr', 'Procès-verbal à signer : Deuxième réunion du Comité régional'],
    ]);
    expect((await asked(c.fp.CG))[0].body).toContain('En tant que représentant de République du Congo');
    expect((await asked(c.fp.KE)).map((n) => n.title)).toEqual([
      'Minutes to sign off: Second meeting of the Regional Committee',
    ]);
    expect(await asked(c.fp.RW)).toEqual([]);
    expect(await asked(c.observer)).toEqual([]);

    await ok(t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), { token: c.fp.CG.token }));
    await ok(t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'APPROVE' }), { token: c.fp.KE.token }));
    const current = async () => (await read(meeting.id, sec)).minutes as MinutesData;
    // 2 approvals of 4 states present: two thirds needs 3. The chair cannot approve instead of them.
    const short = await t.gql(approveMinutes(meeting.id, (await current()).version), { token: sec, lang: 'fr' });
    expect(answer(short.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message: 'Le quorum n’est pas atteint : il faut encore 1 approbation d’un État membre présent (3 sur 4).',
    });
    const byMember = await t.gql(approveMinutes(meeting.id, (await current()).version), { token: c.fp.CG.token });
    expect(answer(byMember.body.errors).code).toBe('FORBIDDEN');
    expect(await current()).toMatchObject({ status: 'CIRCULATED', approvals: 2 });

    // Uganda's delegate was recorded present by mistake: corrected, 2 of the 3 states present meet the
    // quorum, yet no voice approved the minutes. The secretariat does, with the version it read.
    await ok(t.gql(recordAttendance(meeting.id, [{ personId: c.fp.UG.personId, present: 'ABSENT' }]), { token: sec }));
    const stale = await t.gql(approveMinutes(meeting.id, circulated.version - 1), { token: sec });
    expect(answer(stale.body.errors).code).toBe('CONFLICT');
    const approved = (
      await ok(
        t.gql<{ approveMinutes: MinutesData }>(approveMinutes(meeting.id, (await current()).version), { token: sec }),
      )
    ).approveMinutes;
    expect(approved).toMatchObject({ status: 'APPROVED', approvals: 2, presentStates: ['CG', 'KE', 'TZ'] });
    expect(approved.approvedAt).not.toBeNull();
    // Invitees are told once, in their language, with the count.
    const told = (await notes(c.fp.RW)).filter((n) => n.kind === 'minutesApproved');
    expect(told.map((n) => n.title)).toEqual(['Procès-verbal approuvé : Deuxième réunion du Comité régional']);
    expect((await notes(c.observer)).filter((n) => n.kind === 'minutesApproved').map((n) => n.title)).toEqual([
      'Minutes approved: Second meeting of the Regional Committee',
    ]);
    expect(told[0].body).toContain('(2 approbations sur 3 États membres présents)');
    // A late voice and a second approval are refused; the audit keeps the chair's act.
    const late = await t.gql(signOffMinutes({ meetingId: meeting.id, decision: 'OBJECT', reason: 'late' }), {
      token: c.fp.TZ.token,
    });
    expect(answer(late.body.errors).code).toBe('CONFLICT');
    const twice = await t.gql(approveMinutes(meeting.id, approved.version), { token: sec });
    expect(answer(twice.body.errors).code).toBe('CONFLICT');
    expect((await notes(c.observer)).filter((n) => n.kind === 'minutesApproved')).toHaveLength(1);
    const audit = (await t.dataSource.query(
      `SELECT action, after FROM audit_log WHERE network_id = $1 AND action = 'approveMinutes'`,
      [c.icglr],
    )) as { action: string; after: { status: string; approvals: number; present: number } }[];
    expect(audit.map((a) => [a.after.status, a.after.approvals, a.after.present])).toEqual([['APPROVED', 2, 3]]);
  });

  it('refuses approveMinutes while no member state is recorded present, and asks a state recorded later', async () => {
    const c = await committee();
    const meeting = await held(c, await zanzibar(c));
    const sec = c.secretariat.token;
    const draft = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({ meetingId: meeting.id, text: [{ language: 'fr', text: FRENCH, status: 'OFFICIAL' }] }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    const circulated = (
      await ok(
        t.gql<{ circulateMeetingMinutes: MinutesData }>(circulateMinutes(meeting.id, draft.version), { token: sec }),
      )
    ).circulateMeetingMinutes;
    const refused = await t.gql(approveMinutes(meeting.id, circulated.version), { token: sec, lang: 'es' });
    expect(answer(refused.body.errors)).toMatchObject({
      code: 'CONFLICT',
      message:
        'Ningún Estado miembro figura como presente en esta reunión: registre primero la asistencia; el acta la aprueban los Estados presentes.',
    });
    expect((await read(meeting.id, sec)).minutes).toMatchObject({ status: 'CIRCULATED', version: circulated.version });
    // Attendance recorded after circulation: Congo's focal point is asked for its voice, once.
    const asked = async () => (await notes(c.fp.CG)).filter((n) => n.kind === 'minutesCirculated').map((n) => n.title);
    expect(await asked()).toEqual([]);
    await ok(t.gql(recordAttendance(meeting.id, [{ personId: c.fp.CG.personId, present: 'PRESENT' }]), { token: sec }));
    expect(await asked()).toEqual(['Procès-verbal à signer : Deuxième réunion du Comité régional']);
    await ok(
      t.gql(
        recordAttendance(meeting.id, [
          { personId: c.fp.CG.personId, present: 'PRESENT' },
          { personId: c.fp.RW.personId, present: 'ABSENT' },
        ]),
        { token: sec },
      ),
    );
    expect(await asked()).toHaveLength(1);
  });

  it('answers every new mutation with another network’s ids exactly like missing ids, and changes nothing', async () => {
    const c = await committee();
    const meeting = await held(c, await zanzibar(c));
    const sec = c.secretariat.token;
    await ok(t.gql(recordAttendance(meeting.id, [{ personId: c.fp.CG.personId, present: 'PRESENT' }]), { token: sec }));
    const draft = (
      await ok(
        t.gql<{ saveMeetingMinutes: MinutesData }>(
          saveMinutes({ meetingId: meeting.id, text: [{ language: 'en', text: ENGLISH }] }),
          { token: sec },
        ),
      )
    ).saveMeetingMinutes;
    const gaamac = (await insertNetwork(t.dataSource, {})).id;
    await insertMemberState(t.dataSource, { networkId: gaamac, countryCode: 'CG' });
    const otherSec = await signedInMember(t, { name: 'GAAMAC secretariat', networkId: gaamac, role: 'SECRETARIAT' });
    const otherFp = await signedInMember(t, {
      name: 'GAAMAC Congo',
      networkId: gaamac,
      role: 'FOCAL_POINT',
      memberState: 'CG',
    });
    const writes = (id: string) => [
      saveMinutes({ meetingId: id, expectedVersion: draft.version, text: [{ language: 'fr', text: FRENCH }] }),
      circulateMinutes(id, draft.version),
      approveMinutes(id, draft.version),
      signOffMinutes({ meetingId: id, decision: 'APPROVE' }),
      delegateInvitation(id),
      recordAttendance(id, [{ personId: c.fp.CG.personId, present: 'ABSENT' }]),
    ];
    const missing = writes(randomUUID());
    const hidden = writes(meeting.id);
    for (const outsider of [otherSec, otherFp]) {
      for (let i = 0; i < hidden.length; i++) {
        const a = await t.gql(hidden[i], { token: outsider.token, lang: 'fr' });
        const b = await t.gql(missing[i], { token: outsider.token, lang: 'fr' });
        expect({ i, ...answer(a.body.errors) }).toEqual({ i, ...answer(b.body.errors) });
        expect(answer(a.body.errors).code).toBe('NOT_FOUND');
      }
    }
    // The committee's organisers naming another network's person: the same answer as an unknown id.
    const foreignPerson = await t.gql(
      recordAttendance(meeting.id, [{ personId: otherFp.personId, present: 'PRESENT' }]),
      {
        token: sec,
        lang: 'es',
      },
    );
    const unknownPerson = await t.gql(recordAttendance(meeting.id, [{ personId: randomUUID(), present: 'PRESENT' }]), {
      token: sec,
      lang: 'es',
    });
    expect(answer(foreignPerson.body.errors)).toEqual(answer(unknownPerson.body.errors));
    expect(answer(foreignPerson.body.errors).code).toBe('BAD_USER_INPUT');
    const after = await read(meeting.id, sec);
    expect(after.minutes).toMatchObject({ status: 'DRAFT', version: draft.version, revision: 1, signOffs: [] });
    expect(after.invitees?.find((i) => i.personId === c.fp.CG.personId)?.attendance).toBe('PRESENT');
  });
  it('costs the same SQL statements for a page of 12 meetings with minutes, voices and revisions as for 2', async () => {
    const c = await committee();
    const ds = t.dataSource;
    for (let i = 0; i < 12; i++) {
      const [m] = (await ds.query(
        `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
         VALUES ($1, 'REGIONAL_COMMITTEE', '{"en": {"text": "Meeting", "status": "ORIGINAL"}}',
                 $2, $3, 'Africa/Kampala', 'NETWORK', 'HELD') RETURNING id`,
        [c.icglr, new Date(Date.UTC(2012, 0, 1 + i, 7)), new Date(Date.UTC(2012, 0, 1 + i, 15))],
      )) as { id: string }[];
      await ds.query(`INSERT INTO meeting_invitee (meeting_id, person_id, attendance) VALUES ($1, $2, 'PRESENT')`, [
        m.id,
        c.fp.KE.personId,
      ]);
      const [mm] = (await ds.query(
        `INSERT INTO meeting_minutes (meeting_id, body, status) VALUES ($1, '{"en": {"text": "Minutes", "status": "ORIGINAL"}}', 'APPROVED')
         RETURNING id`,
        [m.id],
      )) as { id: string }[];
      await ds.query(`INSERT INTO meeting_minutes_revision (minutes_id, revision, body) VALUES ($1, 1, '{}')`, [mm.id]);
      await ds.query(
        `INSERT INTO meeting_minutes_signoff (minutes_id, member_state, person_id, decision, revision)
         VALUES ($1, 'KE', $2, 'APPROVE', 1)`,
        [mm.id, c.fp.KE.personId],
      );
    }
    const page = (first: number): Operation => ({
      query: `query ($first: Int, $networkId: ID) { meetings(first: $first, networkId: $networkId) { edges { node {
        id invitees { personId attendance } minutes { status presentStates signOffs { memberState personName }
        revisions { revision } } } } } }`,
      variables: { first, networkId: c.icglr },
    });
    const count = async (operation: Operation) => {
      const statements: string[] = [];
      const original = Client.prototype.query;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        const config = args[0] as string | { text: string };
        statements.push(typeof config === 'string' ? config : config.text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      try {
        const res = await t.gql<{ meetings: { edges: { node: { minutes: MinutesData | null } }[] } }>(operation, {
          token: c.fp.KE.token,
        });
        expect(res.body.errors).toBeUndefined();
        return { statements: statements.length, nodes: res.body.data!.meetings.edges.map((e) => e.node) };
      } finally {
        Client.prototype.query = original;
      }
    };
    const small = await count(page(2));
    const large = await count(page(12));
    expect(large.nodes).toHaveLength(12);
    expect(large.nodes.every((n) => n.minutes?.presentStates.join() === 'KE')).toBe(true);
    expect(large.nodes[0].minutes?.signOffs).toEqual([{ memberState: 'KE', personName: 'Kenya focal point' }]);
    expect(large.statements).toBe(small.statements);
  });
});
