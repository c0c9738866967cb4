import { DataSource } from 'typeorm';
import { TrainingModule, TrainingReminderService } from '@enlace/training';
import {
  insertAccount,
  insertMemberState,
  insertMembership,
  insertNetwork,
  testContext,
  TestContext,
} from '@enlace/testing';
import { JobScheduler } from './job-scheduler';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';
import { TRAINING_REMINDERS } from './training-reminders.job';

interface Row {
  person_id: string;
  kind: string;
  subject_id: string;
  params: Record<string, string>;
}

describe('the training-reminders job', () => {
  const contexts: TestContext[] = [];
  let ds: DataSource;

  const sent = async (): Promise<Row[]> =>
    (await ds.query(
      `SELECT person_id, kind, subject_id, params FROM notification
        WHERE kind IN ('trainingDeadlineReminder', 'trainingStartReminder', 'trainingAttendanceReminder')
        ORDER BY kind, person_id`,
    )) as Row[];

  beforeAll(async () => {
    // Three schedulers on one database, as three worker processes would be.
    const first = await testContext({
      imports: [TrainingModule],
      providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
    });
    contexts.push(first);
    for (let i = 0; i < 2; i++) {
      contexts.push(
        await testContext({
          imports: [TrainingModule],
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

  async function curriculumVersion(networkId: string): Promise<string> {
    const [c] = (await ds.query(`INSERT INTO curriculum (network_id) VALUES ($1) RETURNING id`, [networkId])) as {
      id: string;
    }[];
    const [v] = (await ds.query(
      `INSERT INTO curriculum_version (curriculum_id, number, title, status)
       VALUES ($1, 1, '{"en": {"text": "Early warning", "status": "ORIGINAL"}}', 'PUBLISHED') RETURNING id`,
      [c.id],
    )) as { id: string }[];
    return v.id;
  }

  async function training(
    networkId: string,
    versionId: string,
    options: { status: string; startsInHours: number; deadlineInDays?: number; visibility?: string },
  ): Promise<string> {
    const [row] = (await ds.query(
      `INSERT INTO training (network_id, curriculum_version_id, title, format, places, time_zone, starts_at, ends_at,
                             capacity, enrolment_deadline, visibility, status)
       VALUES ($1, $2, '{"fr": {"text": "Séminaire", "status": "ORIGINAL"}, "en": {"text": "Seminar", "status": "TRANSLATED"}}',
               'IN_PERSON', '{Nairobi}', 'Africa/Nairobi', now() + make_interval(hours => $3),
               now() + make_interval(hours => $3 + 48), 20,
               CASE WHEN $4::int IS NULL THEN NULL ELSE current_date + $4::int END, $5, $6)
       RETURNING id`,
      [
        networkId,
        versionId,
        options.startsInHours,
        options.deadlineInDays ?? null,
        options.visibility ?? 'NETWORK',
        options.status,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async function enrol(trainingId: string, personId: string, memberState: string, status: string) {
    await ds.query(`INSERT INTO enrolment (training_id, person_id, member_state, status) VALUES ($1, $2, $3, $4)`, [
      trainingId,
      personId,
      memberState,
      status,
    ]);
  }

  async function session(trainingId: string, endedMinutesAgo: number, trainers: string[]): Promise<string> {
    const [row] = (await ds.query(
      `INSERT INTO training_session (training_id, starts_at, ends_at, place)
       VALUES ($1, now() - make_interval(mins => $2 + 180), now() - make_interval(mins => $2), 'Nairobi')
       RETURNING id`,
      [trainingId, endedMinutesAgo],
    )) as { id: string }[];
    for (const t of trainers) {
      await ds.query(`INSERT INTO training_session_trainer (session_id, person_id) VALUES ($1, $2)`, [row.id, t]);
    }
    return row.id;
  }

  it('reminds each occasion once, the right people, in their language, preferences respected, with three schedulers', async () => {
    const network = (await insertNetwork(ds, { defaultLanguage: 'fr' })).id;
    for (const code of ['KE', 'UG', 'TZ']) await insertMemberState(ds, { networkId: network, countryCode: code });
    const person = async (language: string) => (await insertAccount(ds, { preferredLanguage: language })).personId;
    const kenyaFp = await person('en');
    const ugandaFp = await person('fr');
    const tanzaniaAlternate = await person('es');
    await insertMembership(ds, { personId: kenyaFp, networkId: network, role: 'FOCAL_POINT', memberState: 'KE' });
    await insertMembership(ds, { personId: ugandaFp, networkId: network, role: 'FOCAL_POINT', memberState: 'UG' });
    await insertMembership(ds, {
      personId: tanzaniaAlternate,
      networkId: network,
      role: 'ALTERNATE_FOCAL_POINT',
      memberState: 'TZ',
    });
    const secretary = await person('fr');
    await insertMembership(ds, { personId: secretary, networkId: network, role: 'SECRETARIAT' });
    const version = await curriculumVersion(network);

    // Open, deadline in two days: Kenya has nominated someone; Uganda and Tanzania nobody.
    const open = await training(network, version, { status: 'OPEN', startsInHours: 240, deadlineInDays: 2 });
    await enrol(open, await person('en'), 'KE', 'CONFIRMED');
    // Deadline too far, or a training focal points cannot see: nothing.
    await training(network, version, { status: 'OPEN', startsInHours: 240, deadlineInDays: 10 });
    await training(network, version, {
      status: 'OPEN',
      startsInHours: 240,
      deadlineInDays: 1,
      visibility: 'RESTRICTED',
    });

    // Starts in 20 hours: the confirmed hear of it, not the waitlisted, not one who turned the kind off.
    const soon = await training(network, version, { status: 'CLOSED', startsInHours: 20 });
    const confirmed = await person('pt');
    const waiting = await person('en');
    const quiet = await person('en');
    await enrol(soon, confirmed, 'KE', 'CONFIRMED');
    await enrol(soon, waiting, 'UG', 'WAITLISTED');
    await enrol(soon, quiet, 'TZ', 'CONFIRMED');
    await ds.query(
      `INSERT INTO notification_preference (person_id, kind, delivery) VALUES ($1, 'trainingStartReminder', 'OFF')`,
      [quiet],
    );

    // Running: a session ended three hours ago with no attendance (its trainer hears of it), one with
    // attendance, one that ended twenty minutes ago (not yet).
    const running = await training(network, version, { status: 'RUNNING', startsInHours: -48 });
    const trainer = await person('es');
    const otherTrainer = await person('en');
    for (const t of [trainer, otherTrainer]) {
      await ds.query(`INSERT INTO training_trainer (training_id, person_id) VALUES ($1, $2)`, [running, t]);
    }
    const participant = await person('en');
    await enrol(running, participant, 'KE', 'ATTENDED');
    const forgotten = await session(running, 180, [trainer]);
    const recorded = await session(running, 180, [trainer]);
    const [enrolment] = (await ds.query(`SELECT id FROM enrolment WHERE training_id = $1`, [running])) as {
      id: string;
    }[];
    await ds.query(`INSERT INTO training_attendance (session_id, enrolment_id, status) VALUES ($1, $2, 'PRESENT')`, [
      recorded,
      enrolment.id,
    ]);
    await session(running, 20, [trainer]);

    const now = new Date();
    const runs = await Promise.all(contexts.map((ctx) => ctx.get(JobScheduler).runSlot(TRAINING_REMINDERS, now)));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    // The same work done again at once by every process: nothing twice.
    await Promise.all(contexts.map((ctx) => ctx.get(TrainingReminderService).sendDue()));

    const rows = await sent();
    expect(rows.map((r) => [r.kind, r.subject_id, r.person_id]).sort()).toEqual(
      [
        ['trainingDeadlineReminder', open, ugandaFp],
        ['trainingDeadlineReminder', open, tanzaniaAlternate],
        ['trainingStartReminder', soon, confirmed],
        ['trainingAttendanceReminder', running, trainer],
      ].sort(),
    );
    const uganda = rows.find((r) => r.person_id === ugandaFp)!;
    expect(uganda.params).toMatchObject({ trainingTitle: 'Séminaire' });
    expect(uganda.params.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.find((r) => r.person_id === tanzaniaAlternate)!.params.trainingTitle).toBe('Séminaire');
    expect(rows.find((r) => r.person_id === confirmed)!.params.trainingTitle).toBe('Séminaire');
    expect(rows.find((r) => r.person_id === trainer)!.params.when).toContain('(Africa/Nairobi)');
    const claims = (await ds.query(
      `SELECT occasion FROM training_reminder WHERE training_id = $1 AND reminder = 'RECORD_ATTENDANCE'`,
      [running],
    )) as { occasion: string }[];
    expect(claims).toEqual([{ occasion: forgotten }]);

    // A later run of any process: nothing again.
    const later = await contexts[1].get(TrainingReminderService).sendDue();
    expect(later.occasions).toEqual({ NOMINATION_DEADLINE: 0, TRAINING_START: 0, RECORD_ATTENDANCE: 0 });
    expect(await sent()).toHaveLength(4);
  });
});
