import { anonymousActor, DEFAULT_LANGUAGE } from '@enlace/core';
import { RoleInvitationService } from '@enlace/meetings';
import { insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A whole role invited (walk finding 2): its holders are resolved through the organiser's visibility,
 * exactly as when naming them one by one — at sending, and when the invitation is kept current
 * (`RoleInvitationService.keepCurrent`, the TermHooks and the daily job), by the organiser's keys then.
 * On the demo data: Lucía (latam-network secretariat) sees none of the partner forum's people.
 */
describe('meetings: a role invitation names only people the organiser may see', () => {
  let t: TestApp;
  const network: Record<string, string> = {};

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  async function gql<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T | null; errors?: { message: string; extensions: { code: string } }[] }> {
    return (await t.gql<T>({ query, variables }, { token })).body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoData(t.dataSource, { info: () => undefined });
    for (const row of (await t.dataSource.query(`SELECT id, slug FROM network`)) as { id: string; slug: string }[]) {
      network[row.slug] = row.id;
    }
  });

  afterAll(async () => {
    await t.close();
  });

  async function latamMeeting(lucia: string): Promise<string> {
    const made = await gql<{ createMeeting: { id: string } }>(
      lucia,
      `mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { id } }`,
      {
        i: {
          networkId: network['latam-network'],
          kind: 'WORKING_GROUP',
          title: [{ language: 'es', text: 'Grupo de trabajo' }],
          start: '2030-03-01T10:00',
          end: '2030-03-01T12:00',
          timeZone: 'America/Asuncion',
          visibility: 'NETWORK',
        },
      },
    );
    expect(made.errors).toBeUndefined();
    return made.data!.createMeeting.id;
  }

  async function forumHolders(): Promise<string[]> {
    const rows = (await t.dataSource.query(
      `SELECT DISTINCT m.person_id FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.network_id = $1 AND m.role = 'CIVIL_SOCIETY' AND p.erased_at IS NULL
          AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on > current_date)`,
      [network['lac-cso-forum']],
    )) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }

  it('at sending: neither listed, nor counted in `added`, nor invited', async () => {
    const lucia = await tokenOf('lucia.fernandez@example.org');
    const seen = await gql<{ people: { edges: { node: { id: string } }[] } }>(
      lucia,
      `query($n: ID) { people(networkId: $n, first: 100) { edges { node { id } } } }`,
      { n: network['lac-cso-forum'] },
    );
    const visible = new Set(seen.data!.people.edges.map((e) => e.node.id));
    const holders = await forumHolders();
    expect(holders.length).toBeGreaterThan(0);
    const meetingId = await latamMeeting(lucia);
    const invited = await gql<{
      inviteToMeeting: { added: number; meeting: { invitees: { personId: string; name: string }[] } };
    }>(
      lucia,
      `mutation($i: InviteToMeetingInput!) {
        inviteToMeeting(input: $i) { added meeting { invitees { personId name } } } }`,
      { i: { meetingId, roles: [{ networkId: network['lac-cso-forum'], role: 'CIVIL_SOCIETY' }] } },
    );
    expect(invited.errors).toBeUndefined();
    const { added, meeting } = invited.data!.inviteToMeeting;
    expect(meeting.invitees.filter((i) => !visible.has(i.personId)).map((i) => i.name)).toEqual([]);
    expect(added).toBe(holders.filter((id) => visible.has(id)).length);
    const stored = (await t.dataSource.query(`SELECT person_id FROM meeting_invitee WHERE meeting_id = $1`, [
      meetingId,
    ])) as { person_id: string }[];
    expect(stored.filter((r) => !visible.has(r.person_id))).toEqual([]);

    // Kept current (a term change of the forum's holders, as the TermHooks and the daily job run it):
    // still nobody the organiser may not see.
    const roles = t.app.get(RoleInvitationService, { strict: false });
    const system = { ...anonymousActor(DEFAULT_LANGUAGE), requestId: 'test:keep-current' };
    const kept = await t.dataSource.transaction((tx) =>
      roles.keepCurrent(tx, system, { networkId: network['lac-cso-forum'], personIds: holders }),
    );
    expect(kept.added).toBe(0);
    const after = (await t.dataSource.query(`SELECT person_id FROM meeting_invitee WHERE meeting_id = $1`, [
      meetingId,
    ])) as { person_id: string }[];
    expect(after.filter((r) => !visible.has(r.person_id))).toEqual([]);
  });
});
