import { testContext, TestContext } from '@enlace/testing';
import { JobStatusModule } from '../job-status.module';
import { JobLagService } from './job-lag.service';

/** Job lag, from `job_run` and the database's clock (what the metrics report per slot job). */
describe('JobLagService', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext({ imports: [JobStatusModule] });
  });
  afterAll(async () => {
    await ctx.close();
  });

  const insertRun = (job: string, slot: string, status: string) =>
    ctx.dataSource.query(`INSERT INTO job_run (job, slot, status, owner) VALUES ($1, ${slot}, $2, 'test')`, [
      job,
      status,
    ]);

  it('is 0 for a job whose current slot is DONE, and counts from the first slot due after the newest DONE one', async () => {
    await insertRun('credentials-purge', `date_trunc('hour', now())`, 'DONE');
    await insertRun('channel-retention', `date_trunc('hour', now()) - interval '3 hours'`, 'DONE');
    await insertRun('channel-retention', `date_trunc('hour', now()) - interval '2 hours'`, 'FAILED');
    await insertRun('daily-digest', `date_trunc('hour', now())`, 'RUNNING');
    const [{ sinceHour }] = (await ctx.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM now() - date_trunc('hour', now()))::float8 AS "sinceHour"`,
    )) as { sinceHour: number }[];

    const lag = new Map((await ctx.get(JobLagService).lag()).map((l) => [l.job, l.lagSeconds]));
    expect([...lag.keys()].sort()).toEqual([
      'channel-retention',
      'credentials-purge',
      'daily-digest',
      'meeting-reminders',
      'notice-reminder',
      'plan-monthly-summary',
      'plan-reminders',
      'plan-weekly-digest',
      'role-invitations',
      'training-reminders',
      'vacancy-alert',
    ]);
    expect(lag.get('credentials-purge')).toBe(0);
    // Slot −3 h was the last DONE: late since slot −2 h was due.
    expect(lag.get('channel-retention')).toBeGreaterThanOrEqual(2 * 3600 + sinceHour);
    expect(lag.get('channel-retention')).toBeLessThan(2 * 3600 + sinceHour + 60);
    // Never DONE (running, or never claimed): late since its current slot began, less than a day.
    for (const job of ['daily-digest', 'vacancy-alert']) {
      expect(lag.get(job)).toBeGreaterThanOrEqual(0);
      expect(lag.get(job)).toBeLessThan(24 * 3600);
    }
  });
});
