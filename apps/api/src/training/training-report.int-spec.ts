import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { actorForSession, ENGINES, insertSession, testContext, TestContext } from '@enlace/testing';
import {
  createTrainingDemoSeed,
  loadTrainingDemo,
  TrainingCalendarService,
  TrainingModule,
  TrainingReportService,
} from '@enlace/training';

// PGlite starts and migrates in beforeAll, and the demo seed imports its directory: slow on two busy cores.
jest.setTimeout(180_000);

/**
 * The alumni report's statements (grouping sets, JSON aggregates, the untrained states) and the
 * training feed's, on both engines, over the demo data set (`npm run seed:demo`'s order).
 */
describe.each(ENGINES)('alumni report and training feed on %s', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await testContext({ engine, imports: [TrainingModule] });
    const accounts = loadDemoData();
    await createDemoSeed(ctx.dataSource).seed(accounts);
    await createDirectoryDemoSeed(ctx.dataSource, new I18nService()).seed(loadDirectoryDemo(), accounts);
    await createTrainingDemoSeed(ctx.dataSource).seed(loadTrainingDemo());
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function actorOf(email: string) {
    const [row] = (await ctx.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return actorForSession(ctx.dataSource, await insertSession(ctx.dataSource, row.id), 'es');
  }

  it('counts, lists the alumni and the untrained states, and feeds a participant’s trainings', async () => {
    const report = await ctx.get(TrainingReportService).report(await actorOf('lucia.fernandez@example.org'), {});
    expect(report.trainings).toBe(2);
    expect(report.byYear.map((g) => g.key)).toEqual(['2012', '2013']);
    expect(report.trainedMoreThanOnce.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Ana Paula Souza', 'Martín Acosta']),
    );
    expect(report.untrainedMemberStates.map((u) => u.countryCode)).toEqual(expect.arrayContaining(['BO', 'CO']));
    const csv = await ctx
      .get(TrainingReportService)
      .csv(await actorOf('lucia.fernandez@example.org'), 'cycle', { fromYear: 2012 });
    expect(csv.body.split('\n')[0]).toBe(
      '\uFEFFIdentificador,Ciclo del currículo,Funcionarios capacitados,Capacitaciones',
    );

    const entries = await ctx.get(TrainingCalendarService).calendarEntries(await actorOf('martin.acosta@example.org'));
    expect(entries.map((e) => [e.summary, e.location])).toEqual([
      [
        'Seminario de capacitación de la Red Latinoamericana (Buenos Aires y Montevideo)',
        'Buenos Aires, Argentina · Montevideo, Uruguay',
      ],
      [
        'Seminario de capacitación de la Red Latinoamericana (Buenos Aires y Montevideo): sesión 1',
        'Buenos Aires, Argentina',
      ],
      [
        'Seminario de capacitación de la Red Latinoamericana (Buenos Aires y Montevideo): sesión 2',
        'Montevideo, Uruguay',
      ],
      ['Segundo ciclo de capacitación de la Red Latinoamericana', 'Buenos Aires, Argentina'],
      ['Segundo ciclo de capacitación de la Red Latinoamericana: sesión 1', 'Buenos Aires, Argentina'],
    ]);
  });
});
