import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { createMeetingsDemoSeed, loadMeetingsDemo } from '@enlace/meetings';
import { insertSession } from '@enlace/testing';
import {
  AgendaData,
  communique,
  CommuniqueData,
  DecisionData,
  meetingAgenda,
} from './support/meetings-agenda.operations';
import { MeetingData, meetingsList } from './support/meetings.operations';
import { MeetingWithMinutes, meetingMinutes, MinutesData, signOffMinutes } from './support/minutes.operations';
import { startTestApp, TestApp } from './support/test-app';

/** `npm run seed:demo` as the script runs it, then the meetings as the demo accounts read them. */
describe('meetings in the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  it('recreates the ICGLR committee’s 2011–2012 meetings and the joint launch of the Latin American Network, idempotently', async () => {
    const accounts = loadDemoData();
    await createDemoSeed(t.dataSource).seed(accounts);
    await createDirectoryDemoSeed(t.dataSource, new I18nService()).seed(loadDirectoryDemo(), accounts);
    const first = await createMeetingsDemoSeed(t.dataSource).seed(loadMeetingsDemo());
    expect(first).toMatchObject({
      created: 7,
      unchanged: 0,
      records: { decisions: 5, followUps: 8, minutes: 4, voices: 10 },
    });
    expect(first.invitees).toBeGreaterThan(40);
    const second = await createMeetingsDemoSeed(t.dataSource).seed(loadMeetingsDemo());
    expect(second).toEqual({ created: 0, unchanged: 7, invitees: 0 });

    const kenya = await tokenOf('wanjiru.kamau@example.org');
    const res = await t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(meetingsList({ mine: true }), {
      token: kenya,
      lang: 'fr',
    });
    expect(res.body.errors).toBeUndefined();
    expect(
      res.body.data!.meetings.edges.map((e) => [
        e.node.title.text,
        e.node.start,
        e.node.timeZone,
        e.node.status,
        e.node.myResponse,
      ]),
    ).toEqual([
      ['Première réunion du Comité régional', '2011-05-25T09:00', 'Africa/Brazzaville', 'CLOSED', 'PENDING'],
      ['Deuxième réunion du Comité régional', '2011-12-10T09:00', 'Africa/Dar_es_Salaam', 'CLOSED', 'PENDING'],
      ['Quatrième réunion du Comité régional', '2012-02-08T09:00', 'Africa/Nairobi', 'CLOSED', 'PENDING'],
      ['Réunion du Comité régional', '2012-10-18T09:00', 'Africa/Kampala', 'HELD', 'PENDING'],
    ]);
    const [brazzaville, zanzibar, fourth, kampala] = res.body.data!.meetings.edges.map((e) => e.node.id);
    const read = async <T>(operation: Parameters<TestApp['gql']>[0], token?: string) => {
      const r = await t.gql<T>(operation, { token, lang: 'fr' });
      expect(r.body.errors).toBeUndefined();
      return r.body.data as T;
    };
    type Agenda = { meeting: { agenda: AgendaData; decisions: DecisionData[] } };

    // Brazzaville: the decision 2011/1/1 and its follow-ups, one per member state, Congo's still open
    // (seeded in one transaction: listed by state here, their creation instants being equal).
    const first2011 = (await read<Agenda>(meetingAgenda(brazzaville), kenya)).meeting;
    expect(
      first2011.decisions.map((d) => [d.number, d.followUps.map((f) => [f.assignee?.countryCode, f.status]).sort()]),
    ).toEqual([
      [
        '2011/1/1',
        [
          ['CG', 'OPEN'],
          ['KE', 'DONE'],
          ['TZ', 'DONE'],
          ['UG', 'DONE'],
        ],
      ],
    ]);
    expect(first2011.agenda.items.map((i) => i.number)).toEqual(['1', '2', '2.1', '2.2', '3']);

    // Zanzibar: the review of follow-ups opens the agenda with Congo's open action from Brazzaville.
    const zanzibarAgenda = (await read<Agenda>(meetingAgenda(zanzibar), kenya)).meeting.agenda;
    expect(zanzibarAgenda.items[0]).toMatchObject({ number: '1', generated: true });
    expect(zanzibarAgenda.items[0].followUps.map((f) => [f.decisionNumber, f.assignee?.countryCode])).toEqual([
      ['2011/1/1', 'CG'],
    ]);
    expect(zanzibarAgenda.items.map((i) => [i.number, i.title.text])).toEqual([
      ['1', expect.any(String)],
      ['2', 'Ouverture par le pays hôte'],
      ['3', 'État de chaque comité national'],
      ['3.1', 'Kenya'],
      ['3.2', 'Tanzanie'],
      ['3.3', 'Ouganda'],
      ['4', 'Priorités pour 2012'],
      ['5', 'Divers'],
    ]);
    // Its minutes: English original, French official, approved by 3 of the 4 states present, Uganda objecting.
    const minutes = (await read<{ meeting: MeetingWithMinutes }>(meetingMinutes(zanzibar), kenya)).meeting
      .minutes as MinutesData;
    expect(minutes).toMatchObject({
      status: 'APPROVED',
      presentStates: ['CG', 'KE', 'TZ', 'UG'],
      approvals: 3,
      approvalsNeeded: 3,
      text: { language: 'fr', status: 'OFFICIAL' },
    });
    expect(minutes.text.translations.map((tr) => [tr.language, tr.status])).toEqual([
      ['en', 'ORIGINAL'],
      ['fr', 'OFFICIAL'],
    ]);
    expect(minutes.signOffs.map((v) => [v.memberState, v.decision])).toEqual([
      ['CG', 'APPROVE'],
      ['KE', 'APPROVE'],
      ['TZ', 'APPROVE'],
      ['UG', 'OBJECT'],
    ]);
    expect(minutes.signOffs.find((v) => v.memberState === 'UG')?.reason).toContain('Uganda National Committee');

    // The fourth meeting numbers its decision 2012/4/1; Kampala reviews every action still open.
    expect((await read<Agenda>(meetingAgenda(fourth), kenya)).meeting.decisions.map((d) => d.number)).toEqual([
      '2012/4/1',
    ]);
    const kampalaAgenda = (await read<Agenda>(meetingAgenda(kampala), kenya)).meeting;
    expect(kampalaAgenda.agenda.items[0].followUps.map((f) => [f.decisionNumber, f.assignee?.countryCode])).toEqual([
      ['2011/1/1', 'CG'],
      ['2011/2/1', 'KE'],
      ['2012/4/1', 'UG'],
    ]);
    expect(kampalaAgenda.decisions.map((d) => d.number)).toEqual(['2012/5/1', '2012/5/2']);
    // Kampala's minutes are circulated: Kenya's focal point gives Kenya's voice (2 of the 4 needed of 5).
    const signed = await t.gql<{ signOffMinutes: MinutesData }>(
      signOffMinutes({ meetingId: kampala, decision: 'APPROVE' }),
      { token: kenya },
    );
    expect(signed.body.errors).toBeUndefined();
    expect(signed.body.data!.signOffMinutes).toMatchObject({ status: 'CIRCULATED', approvals: 2, approvalsNeeded: 4 });
    // Its communiqué is public: anyone reads it, without signing in.
    const published = (await read<{ communique: CommuniqueData }>(communique(kampala))).communique;
    expect(published).toMatchObject({ visibility: 'PUBLIC', text: { language: 'fr' } });
    expect(published.publishedAt).not.toBeNull();

    // A member of the civil-society forum reads the joint launch (shared with the forum) without being
    // invited to it; the Latin American Network's internal working group stays with the network.
    const [latam] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = 'latam-network'`)) as {
      id: string;
    }[];
    const forumMember = await tokenOf('joana.almeida@example.org');
    const lac = await t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(meetingsList({ networkId: latam.id }), {
      token: forumMember,
      lang: 'pt',
    });
    expect(lac.body.data!.meetings.edges.map((e) => [e.node.kind, e.node.title.text, e.node.myResponse])).toEqual([
      ['PLENARY', 'Lançamento da Rede Latino-Americana para a Prevenção do Genocídio e de Atrocidades em Massa', null],
      ['CONSULTATION', 'Consulta conjunta da Rede e do Fórum da Sociedade Civil', null],
    ]);
    const forumSecretariat = await tokenOf('valeria.rios@example.org');
    const invited = await t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(meetingsList({ mine: true }), {
      token: forumSecretariat,
    });
    expect(invited.body.data!.meetings.edges.map((e) => [e.node.kind, e.node.myResponse])).toEqual([
      ['PLENARY', 'PENDING'],
      ['CONSULTATION', 'PENDING'],
    ]);
  });
});
