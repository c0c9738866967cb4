import { DataSource } from 'typeorm';
import { MeetingReminderService, MeetingsModule, NoMeetingChannelsModule } from '@enlace/meetings';
import { insertAccount, insertMembership, insertNetwork, testContext, TestContext } from '@enlace/testing';
import { JobScheduler } from './job-scheduler';
import { MEETING_REMINDERS } from './meeting-reminders.job';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';

interface Row {
  person_id: string;
  kind: string;
  subject_id: string;
  params: Record<string, string>;
}

describe('the meeting-reminders job', () => {
  const contexts: TestContext[] = [];
  let ds: DataSource;

  const sent = async (): Promise<Row[]> =>
    (await ds.query(
      `SELECT person_id, kind, subject_id, params FROM notification
        WHERE kind IN ('meetingReminder', 'meetingRsvpChase', 'meetingCloseReminder') ORDER BY kind, person_id`,
    )) as Row[];

  beforeAll(async () => {
    // Three schedulers on one database, as three worker processes would be.
    const first = await testContext({
      imports: [NoMeetingChannelsModule, MeetingsModule],
      providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
    });
    contexts.push(first);
    for (let i = 0; i < 2; i++) {
      contexts.push(
        await testContext({
          imports: [NoMeetingChannelsModule, MeetingsModule],
          providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
          database: first.database,
        }),
      );
    }
    ds = first.dataSource;
  });
  afterAll(async () => {
    for (const ctx of contexts.reverse()) await ctx.close();
  });

  async function meeting(
    networkId: string,
    startsInMinutes: number,
    status = 'SCHEDULED',
    timeZone = 'Africa/Kinshasa',
  ) {
    const [row] = (await ds.query(
      `INSERT INTO meeting (network_id, kind, title, starts_at, ends_at, time_zone, visibility, status)
       VALUES ($1, 'PLENARY', '{"fr": {"text": "Plénière", "status": "ORIGINAL"}, "en": {"text": "Plenary", "status": "TRANSLATED"}}',
               $2, $5, $3, 'NETWORK', $4)
       RETURNING id`,
      [
        networkId,
        new Date(Date.now() + startsInMinutes * 60_000),
        timeZone,
        status,
        new Date(Date.now() + (startsInMinutes + 120) * 60_000),
      ],
    )) as { id: string }[];
    return row.id;
  }

  async function invite(meetingId: string, personId: string, response: string) {
    await ds.query(`INSERT INTO meeting_invitee (meeting_id, person_id, response) VALUES ($1, $2, $3)`, [
      meetingId,
      personId,
      response,
    ]);
  }

  it('reminds each meeting once per reminder, in each reader’s language, with three schedulers running', async () => {
    const network = (await insertNetwork(ds, { defaultLanguage: 'fr' })).id;
    const accepted = (await insertAccount(ds, { preferredLanguage: 'en' })).personId;
    const pending = (await insertAccount(ds, { preferredLanguage: 'fr' })).personId;
    const declined = (await insertAccount(ds)).personId;
    const secretary = (await insertAccount(ds, { preferredLanguage: 'es' })).personId;
    await insertMembership(ds, { personId: secretary, networkId: network, role: 'SECRETARIAT' });

    const tomorrow = await meeting(network, 20 * 60); // in 20 hours
    const soon = await meeting(network, 30); // in 30 minutes: the hour reminder only
    const nextWeek = await meeting(network, 5 * 24 * 60); // in 5 days: the answer chase only
    const held = await meeting(network, -15 * 24 * 60 - 120, 'HELD'); // held 15 days ago, not closed
    const far = await meeting(network, 30 * 24 * 60); // in a month: nothing yet
    // Held 15 days ago with its minutes approved: nothing to chase.
    const approved = await meeting(network, -15 * 24 * 60 - 120, 'HELD');
    await ds.query(
      `INSERT INTO meeting_minutes (meeting_id, body, status, approved_at)
       VALUES ($1, '{"en": {"text": "Minutes", "status": "ORIGINAL"}}', 'APPROVED', now())`,
      [approved],
    );
    for (const id of [tomorrow, soon, nextWeek, far]) {
      await invite(id, accepted, 'ACCEPTED');
      await invite(id, pending, 'PENDING');
      await invite(id, declined, 'DECLINED');
    }

    const now = new Date();
    const runs = await Promise.all(contexts.map((ctx) => ctx.get(JobScheduler).runSlot(MEETING_REMINDERS, now)));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    // The same work done again at once by every process (a retried slot, a second deployment): nothing twice.
    await Promise.all(contexts.map((ctx) => ctx.get(MeetingReminderService).sendDue()));

    const rows = await sent();
    expect(rows.map((r) => [r.kind, r.subject_id, r.person_id]).sort()).toEqual(
      [
        ['meetingReminder', tomorrow, accepted],
        ['meetingReminder', soon, accepted],
        ['meetingRsvpChase', nextWeek, pending],
        ['meetingCloseReminder', held, secretary],
      ].sort(),
    );
    const chase = rows.find((r) => r.kind === 'meetingRsvpChase')!;
    expect(chase.params.meetingTitle).toBe('Plénière');
    expect(rows.find((r) => r.subject_id === tomorrow)!.params.meetingTitle).toBe('Plenary');
    expect(chase.params.when).toContain('(Africa/Kinshasa)');

    // Rescheduled to another start: reminded again; unchanged: not.
    await ds.query(
      `UPDATE meeting SET starts_at = starts_at + interval '2 hours', ends_at = ends_at + interval '2 hours' WHERE id = $1`,
      [tomorrow],
    );
    const later = await contexts[1].get(MeetingReminderService).sendDue();
    expect(later.meetings).toEqual({ DAY_BEFORE: 1, HOUR_BEFORE: 0, RSVP_CHASE: 0, CLOSE_MEETING: 0 });
    expect(await sent()).toHaveLength(5);
  });
});
