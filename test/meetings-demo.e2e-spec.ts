import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { createMeetingsDemoSeed, loadMeetingsDemo } from '@enlace/meetings';
import { insertSession } from '@enlace/testing';
import { MeetingData, meetingsList } from './support/meetings.operations';
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
    expect(first).toMatchObject({ created: 6, unchanged: 0 });
    expect(first.invitees).toBeGreaterThan(40);
    const second = await createMeetingsDemoSeed(t.dataSource).seed(loadMeetingsDemo());
    expect(second).toEqual({ created: 0, unchanged: 6, invitees: 0 });

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
    ]);
    const forumSecretariat = await tokenOf('valeria.rios@example.org');
    const invited = await t.gql<{ meetings: { edges: { node: MeetingData }[] } }>(meetingsList({ mine: true }), {
      token: forumSecretariat,
    });
    expect(invited.body.data!.meetings.edges.map((e) => [e.node.kind, e.node.myResponse])).toEqual([
      ['PLENARY', 'PENDING'],
    ]);
  });
});
