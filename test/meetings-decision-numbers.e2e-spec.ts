import { insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Decision numbers ("year/meeting/number") are unique within a body (network and kind), on the demo
 * data where the ICGLR Regional Committee's meetings already hold the series numbers 1, 2, 4 and 5: a
 * meeting recorded late takes its place in the series when free, else the body's next free number, and two meetings
 * numbered at the same moment never get the same one.
 */
describe('meetings: decision numbers stay unique within a body', () => {
  let t: TestApp;
  let aline: string;
  let icglr: string;

  type Body<T> = { data?: T | null; errors?: { message: string; extensions: { code: string } }[] };
  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>): Promise<Body<T>> {
    return (await t.gql<T>({ query, variables }, { token: aline })).body as Body<T>;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoData(t.dataSource, { info: () => undefined });
    const [account] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [
      'aline.ndayishimiye@example.org',
    ])) as { id: string }[];
    aline = await insertSession(t.dataSource, account.id);
    [{ id: icglr }] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = 'icglr-committee'`)) as {
      id: string;
    }[];
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A HELD Regional Committee meeting of the ICGLR starting at `start` (local, Brazzaville). */
  async function heldMeeting(start: string, end: string, title: string): Promise<string> {
    const made = await gql<{ createMeeting: { id: string; version: number } }>(
      `mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { id version } }`,
      {
        i: {
          networkId: icglr,
          kind: 'REGIONAL_COMMITTEE',
          timeZone: 'Africa/Brazzaville',
          start,
          end,
          place: 'Brazzaville',
          visibility: 'NETWORK',
          title: [{ language: 'fr', text: title }],
        },
      },
    );
    expect(made.errors).toBeUndefined();
    const meetingId = made.data!.createMeeting.id;
    const scheduled = await gql<{ scheduleMeeting: { version: number } }>(
      `mutation($i: MeetingStepInput!) { scheduleMeeting(input: $i) { version } }`,
      { i: { meetingId, expectedVersion: made.data!.createMeeting.version } },
    );
    const held = await gql(`mutation($i: MeetingStepInput!) { markMeetingHeld(input: $i) { status } }`, {
      i: { meetingId, expectedVersion: scheduled.data!.scheduleMeeting.version },
    });
    expect(held.errors).toBeUndefined();
    return meetingId;
  }

  function addDecision(meetingId: string, text: string): Promise<Body<{ addDecision: { number: string } }>> {
    return gql<{ addDecision: { number: string } }>(
      `mutation($i: AddDecisionInput!) { addDecision(input: $i) { number } }`,
      { i: { meetingId, text: [{ language: 'fr', text }] } },
    );
  }

  async function committeeNumbers(): Promise<string[]> {
    const all = await gql<{ meetings: { edges: { node: { kind: string; decisions: { number: string }[] } }[] } }>(
      `query($n: ID) { meetings(networkId: $n, first: 100) { edges { node { kind decisions { number } } } } }`,
      { n: icglr },
    );
    expect(all.errors).toBeUndefined();
    return all
      .data!.meetings.edges.filter((e) => e.node.kind === 'REGIONAL_COMMITTEE')
      .flatMap((e) => e.node.decisions.map((d) => d.number));
  }

  const series = (n: string) => n.split('/')[1];

  it('gives a late meeting whose place in the series is free that place', async () => {
    // Between Zanzibar (2) and the 4th meeting (8 February 2012): the third held meeting by start.
    const meetingId = await heldMeeting('2011-12-20T10:00', '2011-12-20T17:00', 'Réunion extraordinaire');
    const decision = await addDecision(meetingId, 'Une décision.');
    expect(decision.errors).toBeUndefined();
    expect(decision.data!.addDecision.number).toBe('2011/3/1');
  });

  it('gives the README’s Brazzaville meeting, recorded on top of the demo data, the next free number', async () => {
    const taken = new Set((await committeeNumbers()).map(series));
    expect([...taken].sort()).toEqual(['1', '2', '3', '4', '5']);
    // The README's example: the first meeting again, 25 May 2011, where the demo's first already is.
    const meetingId = await heldMeeting('2011-05-25T10:00', '2011-05-26T17:00', 'Première réunion du Comité régional');
    const first = await addDecision(meetingId, 'Le règlement intérieur est adopté.');
    expect(first.errors).toBeUndefined();
    expect(first.data!.addDecision.number).toBe('2011/6/1');
    // Its next decision keeps the meeting's number.
    const second = await addDecision(meetingId, 'Le plan de travail est adopté.');
    expect(second.data!.addDecision.number).toBe('2011/6/2');
    const numbers = await committeeNumbers();
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([]);
  });

  it('numbers two late meetings recorded at the same moment with different numbers', async () => {
    const before = new Set((await committeeNumbers()).map(series));
    const x = await heldMeeting('2011-06-01T10:00', '2011-06-01T17:00', 'Réunion extraordinaire de juin');
    const y = await heldMeeting('2012-02-01T10:00', '2012-02-01T17:00', 'Réunion extraordinaire de février');
    const [a, b] = await Promise.all([addDecision(x, 'Décision A.'), addDecision(y, 'Décision B.')]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const got = [series(a.data!.addDecision.number), series(b.data!.addDecision.number)];
    expect(new Set(got).size).toBe(2);
    for (const s of got) expect(before.has(s)).toBe(false);
    const numbers = await committeeNumbers();
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([]);
  });
});
