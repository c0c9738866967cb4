import { DataSource } from 'typeorm';
import { DirectoryModule, VacancyAlertService } from '@enlace/directory';
import {
  insertAccount,
  insertMembership,
  insertMemberState,
  insertNetwork,
  testContext,
  TestContext,
} from '@enlace/testing';
import { JobScheduler } from './job-scheduler';
import { JobClaimRepository } from './runner/job-claim.repository';
import { ScheduledJobRunner } from './runner/scheduled-job.runner';
import { VACANCY_ALERT } from './vacancy-alert.job';

interface Row {
  person_id: string;
  subject_type: string;
  subject_id: string;
  network_id: string;
  params: Record<string, unknown>;
}

describe('the vacancy-alert job', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let jobs: JobScheduler;

  const DAY = 86_400_000;
  const alerts = async (): Promise<Row[]> =>
    (await ds.query(
      `SELECT person_id, subject_type, subject_id, network_id::text, params FROM notification
        WHERE kind = 'vacancyAlert' ORDER BY created_at, person_id`,
    )) as Row[];
  const person = async () => (await insertAccount(ds)).personId;

  beforeAll(async () => {
    // The jobs' own module would also start the ticks; the test drives the job by hand.
    ctx = await testContext({
      imports: [DirectoryModule],
      providers: [JobClaimRepository, ScheduledJobRunner, JobScheduler],
    });
    ds = ctx.dataSource;
    jobs = ctx.get(JobScheduler);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('alerts the secretariat of a network with vacancies once per slot, and nobody else', async () => {
    const vacant = await insertNetwork(ds, {
      defaultLanguage: 'es',
      name: { es: { text: 'Red Latinoamericana', status: 'ORIGINAL' } },
    });
    const staffed = await insertNetwork(ds);
    const [secretary, deputy, formerSecretary, focalPoint, otherSecretary] = await Promise.all(
      Array.from({ length: 5 }, () => person()),
    );
    // Vacant: PY and BR have no focal point; AR has one; CL has left the network.
    for (const code of ['AR', 'BR', 'PY']) await insertMemberState(ds, { networkId: vacant.id, countryCode: code });
    await insertMemberState(ds, {
      networkId: vacant.id,
      countryCode: 'CL',
      joinedOn: '2020-01-01',
      leftOn: '2021-01-01',
    });
    await insertMembership(ds, { personId: focalPoint, networkId: vacant.id, role: 'FOCAL_POINT', memberState: 'AR' });
    await insertMembership(ds, { personId: secretary, networkId: vacant.id, role: 'SECRETARIAT' });
    await insertMembership(ds, { personId: deputy, networkId: vacant.id, role: 'SECRETARIAT' });
    await insertMembership(ds, {
      personId: formerSecretary,
      networkId: vacant.id,
      role: 'SECRETARIAT',
      startsOn: '2020-01-01',
      endsOn: '2021-01-01',
    });
    // Staffed: every member state has its focal point.
    await insertMemberState(ds, { networkId: staffed.id, countryCode: 'KE' });
    await insertMembership(ds, { personId: focalPoint, networkId: staffed.id, role: 'FOCAL_POINT', memberState: 'KE' });
    await insertMembership(ds, { personId: otherSecretary, networkId: staffed.id, role: 'SECRETARIAT' });

    const now = new Date();
    expect(await jobs.runSlot(VACANCY_ALERT, now)).toMatchObject({ ran: true, status: 'DONE' });
    const first = await alerts();
    expect(first.map((r) => r.person_id).sort()).toEqual([secretary, deputy].sort());
    for (const row of first) {
      expect(row).toMatchObject({
        subject_type: 'network',
        subject_id: vacant.id,
        network_id: vacant.id,
        params: { networkName: 'Red Latinoamericana', networkSlug: vacant.slug, memberStates: 'BR,PY', count: 2 },
      });
    }

    // The same slot, ticked again (by this or another process): claimed already, nobody notified twice.
    expect(await jobs.runSlot(VACANCY_ALERT, new Date(now.getTime() + 60_000))).toMatchObject({ ran: false });
    // A retry of the slot's work after a crash skips the networks already alerted.
    const slot = (await jobs.runSlot(VACANCY_ALERT, now)).slot;
    expect(await ctx.get(VacancyAlertService).alertSecretariats(slot)).toEqual({ networks: 0, notified: 0 });
    expect(await alerts()).toHaveLength(2);

    // The next day's slot alerts again while the seats stay vacant.
    expect(await jobs.runSlot(VACANCY_ALERT, new Date(now.getTime() + DAY))).toMatchObject({
      ran: true,
      status: 'DONE',
    });
    expect((await alerts()).map((r) => r.person_id).sort()).toEqual([secretary, deputy, secretary, deputy].sort());
  });

  it('alerts nobody when every current member state has its focal point', async () => {
    await ds.query(`DELETE FROM notification`);
    await ds.query(`DELETE FROM member_state WHERE country_code IN ('BR', 'PY')`);
    expect(await jobs.runSlot(VACANCY_ALERT, new Date(Date.now() + 2 * DAY))).toMatchObject({
      ran: true,
      status: 'DONE',
    });
    expect(await alerts()).toEqual([]);
  });
});
