import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelAudienceService, ChannelsModule } from '@enlace/channels';
import { anonymousActor } from '@enlace/core';
import { MEETING_CHANNELS, MeetingsModule, RoleInvitationService } from '@enlace/meetings';
import {
  ENGINES,
  insertAccount,
  insertMembership,
  insertMemberState,
  insertNetwork,
  testContext,
  TestContext,
} from '@enlace/testing';
import { JobScheduler } from './job-scheduler';
import { ROLE_INVITATIONS } from './role-invitations.job';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';

/** The seam as the apps wire it (decision 0019): the job changes channels with the invitations. */
@Global()
@Module({
  imports: [ChannelsModule],
  providers: [{ provide: MEETING_CHANNELS, useExisting: ChannelAudienceService }],
  exports: [MEETING_CHANNELS],
})
class MeetingChannelsSeam {}

/** On PostgreSQL three schedulers share the database (three worker processes); embedded PGlite is one process. */
describe.each(ENGINES)('the role-invitations job on %s', (engine) => {
  const contexts: TestContext[] = [];
  let ds: DataSource;

  beforeAll(async () => {
    const options = {
      engine,
      imports: [MeetingChannelsSeam, MeetingsModule],
      providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
    };
    const first = await testContext(options);
    contexts.push(first);
    if (engine === 'PostgreSQL') {
      for (let i = 0; i < 2; i++) contexts.push(await testContext({ ...options, database: first.database }));
    }
    ds = first.dataSource;
  });
  afterAll(async () => {
    for (const ctx of contexts.reverse()) await ctx.close();
  });

  /** Noon of today (0) or tomorrow (1) by the database's calendar: a time inside that day's slot. */
  async function noonOf(days: number): Promise<Date> {
    const [{ at }] = (await ds.query(
      `SELECT CAST(CAST(current_date + CAST($1 AS int) AS timestamp) + interval '12 hours' AS timestamptz) AS at`,
      [days],
    )) as { at: Date }[];
    return at;
  }

  /** A meeting of `networkId` to which `organiser` (who may see the network's focal points) invited the role. */
  async function meeting(networkId: string, status: string, startsInHours: number, organiser: string): Promise<string> {
    const [row] = (await ds.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       VALUES ($1, 'REGIONAL_COMMITTEE', '{"fr": {"text": "Comité régional", "status": "ORIGINAL"}}',
               now() + make_interval(hours => $3), now() + make_interval(hours => $3 + 8), 'Africa/Nairobi', 'NETWORK', $2)
       RETURNING id`,
      [networkId, status, startsInHours],
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO meeting_role_invitation (meeting_id, network_id, role, invited_by) VALUES ($1, $2, 'FOCAL_POINT', $3)`,
      [row.id, networkId, organiser],
    );
    return row.id;
  }

  async function inviteByRole(meetingId: string, personIds: string[]): Promise<void> {
    for (const personId of personIds) {
      await ds.query(`INSERT INTO meeting_invitee (meeting_id, person_id, via_role) VALUES ($1, $2, 'FOCAL_POINT')`, [
        meetingId,
        personId,
      ]);
    }
  }

  async function openChannel(meetingId: string, networkId: string, memberIds: string[]): Promise<string> {
    const audience = contexts[0].get(ChannelAudienceService);
    const channelId = await ds.transaction((tx) =>
      audience.open(tx, anonymousActor('fr'), { networkId, name: 'Comité régional', partnerNetworkIds: [], memberIds }),
    );
    await ds.query(`UPDATE meeting SET channel_id = $2 WHERE id = $1`, [meetingId, channelId]);
    return channelId;
  }

  const invitees = async (meetingId: string) =>
    (
      (await ds.query(`SELECT person_id FROM meeting_invitee WHERE meeting_id = $1 ORDER BY person_id`, [
        meetingId,
      ])) as { person_id: string }[]
    ).map((r) => r.person_id);
  const members = async (channelId: string) =>
    (
      (await ds.query(`SELECT person_id FROM channel_member WHERE channel_id = $1 ORDER BY person_id`, [
        channelId,
      ])) as { person_id: string }[]
    ).map((r) => r.person_id);
  const notices = async () =>
    (await ds.query(
      `SELECT person_id, kind, subject_id, params->>'meetingTitle' AS title FROM notification
        WHERE kind IN ('meetingInvitation', 'meetingUninvited') ORDER BY kind, person_id`,
    )) as { person_id: string; kind: string; subject_id: string; title: string }[];

  it('on the day a term dated for it begins or ends, changes the invitations of the meetings still ahead, once', async () => {
    const network = (await insertNetwork(ds, { defaultLanguage: 'fr' })).id;
    for (const code of ['KE', 'TZ']) await insertMemberState(ds, { networkId: network, countryCode: code });
    const outgoing = (await insertAccount(ds, { preferredLanguage: 'en' })).personId;
    const incoming = (await insertAccount(ds, { preferredLanguage: 'fr' })).personId;
    const tanzania = (await insertAccount(ds)).personId;
    const [{ tomorrow }] = (await ds.query(`SELECT CAST(current_date + 1 AS text) AS tomorrow`)) as {
      tomorrow: string;
    }[];
    // Kenya's seat is handed over tomorrow: written today, dated for tomorrow (as designateFocalPoint does).
    const base = { networkId: network, role: 'FOCAL_POINT' };
    await insertMembership(ds, {
      ...base,
      personId: outgoing,
      memberState: 'KE',
      startsOn: '2020-01-01',
      endsOn: tomorrow,
    });
    await insertMembership(ds, { ...base, personId: incoming, memberState: 'KE', startsOn: tomorrow });
    await insertMembership(ds, { ...base, personId: tanzania, memberState: 'TZ', startsOn: '2020-01-01' });
    // The secretariat that invited the role: the job adds only holders it may see (as naming them would).
    const secretariat = (await insertAccount(ds)).personId;
    await insertMembership(ds, {
      networkId: network,
      role: 'SECRETARIAT',
      personId: secretariat,
      startsOn: '2020-01-01',
    });

    const scheduled = await meeting(network, 'SCHEDULED', 10 * 24, secretariat);
    await inviteByRole(scheduled, [outgoing, tanzania]);
    const channel = await openChannel(scheduled, network, [outgoing, tanzania]);
    const draft = await meeting(network, 'DRAFT', 20 * 24, secretariat);
    await inviteByRole(draft, [outgoing, tanzania]);
    const underWay = await meeting(network, 'SCHEDULED', -1, secretariat); // began an hour ago: left as it is
    await inviteByRole(underWay, [outgoing, tanzania]);

    // Today: nothing begins or ends yet.
    const today = await Promise.all(contexts.map((ctx) => ctx.get(JobScheduler).runSlot(ROLE_INVITATIONS)));
    expect(today.filter((r) => r.ran)).toEqual([expect.objectContaining({ status: 'DONE' })]);
    expect(await invitees(scheduled)).toEqual([outgoing, tanzania].sort());
    expect(await notices()).toEqual([]);

    // Tomorrow's slot, ticked by every process at once: run by one.
    const at = await noonOf(1);
    const runs = await Promise.all(contexts.map((ctx) => ctx.get(JobScheduler).runSlot(ROLE_INVITATIONS, at)));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.find((r) => r.ran)).toMatchObject({ status: 'DONE' });

    expect(await invitees(scheduled)).toEqual([incoming, tanzania].sort());
    expect(await members(channel)).toEqual([incoming, tanzania].sort());
    expect(await invitees(draft)).toEqual([incoming, tanzania].sort());
    expect(await invitees(underWay)).toEqual([outgoing, tanzania].sort());
    // Told for the scheduled meeting only (a draft changes silently), with its title.
    expect(await notices()).toEqual(
      [
        { person_id: incoming, kind: 'meetingInvitation', subject_id: scheduled, title: 'Comité régional' },
        { person_id: outgoing, kind: 'meetingUninvited', subject_id: scheduled, title: 'Comité régional' },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.person_id.localeCompare(b.person_id)),
    );
    const [{ via_role }] = (await ds.query(
      `SELECT via_role FROM meeting_invitee WHERE meeting_id = $1 AND person_id = $2`,
      [scheduled, incoming],
    )) as { via_role: string }[];
    expect(via_role).toBe('FOCAL_POINT');
    // Audited on each meeting by the system (no person), as the hooks do by the actor.
    const audit = (await ds.query(
      `SELECT entity_id, actor_person_id, request_id, after FROM audit_log
        WHERE entity_type = 'meeting' AND action = 'keepRoleInvitations' ORDER BY entity_id`,
    )) as { entity_id: string; actor_person_id: string | null; request_id: string; after: Record<string, unknown> }[];
    expect(audit.map((a) => a.entity_id)).toEqual([scheduled, draft].sort());
    for (const entry of audit) {
      expect(entry).toMatchObject({
        actor_person_id: null,
        request_id: 'job:role-invitations',
        after: { networkId: network, added: [incoming], removed: [outgoing] },
      });
    }

    // The same day's work done again (a retried slot): nothing more changes, nobody is told twice.
    const again = await contexts[contexts.length - 1].get(RoleInvitationService).keepTermsOfDay(at);
    expect(again).toEqual({ networks: 1, meetings: 0, added: 0, removed: 0 });
    expect(await notices()).toHaveLength(2);
  });
});
