import { Injectable } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUERY_OUTSIDE_TRANSACTION, TransactionRunner } from '@enlace/core';
import { insertSession } from '@enlace/testing';
import { seedDemoData } from '../apps/api/src/demo-data';
import { captureLogs } from './support/logs';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Test-only: a mutation with the bug on purpose. It writes a network in its transaction, then reads
 * through the data source instead of the transaction's tx.
 */
@Injectable()
@Resolver()
class OutsideTransactionProbe {
  constructor(
    private readonly transactions: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => Boolean)
  probeReadOutsideTransaction(@Args('slug') slug: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      await tx.query(
        `INSERT INTO network (slug, name, kind, default_language, working_languages, visibility)
         VALUES ($1, '{"en":{"text":"Probe","status":"ORIGINAL"}}', 'GOVERNMENTAL', 'en', '{en}', 'PUBLIC')`,
        [slug],
      );
      await this.dataSource.query('SELECT count(*) FROM network');
      return true;
    });
  }
}

/**
 * The README's own start (`npm start -- --demo`: embedded PGlite, one connection). Two mutations used
 * to read outside the transaction they ran in and wait forever for the only connection, after which
 * every request waited too (`/health` 503 until a restart): `nominate` with a new person
 * (PersonService.createOfficial read the network without its tx) and `attachPlanDashboard`
 * (SnapshotService.attach computed the dashboard on the data source). Each test fires the mutation
 * and takes whichever comes first: its answer, or `/health` no longer answering 200 while it is
 * pending (so a regression fails here instead of hanging the file).
 */
describe('the embedded database stays available through mutations that read in their transaction', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' }, { engine: 'embedded PGlite', providers: [OutsideTransactionProbe] });
    await seedDemoData(t.dataSource, { info: () => undefined });
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  async function networkId(slug: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = $1`, [slug])) as { id: string }[];
    return row.id;
  }

  async function health(): Promise<number> {
    return fetch(`${t.url}/health`).then(
      (r) => r.status,
      () => 0,
    );
  }

  /** The mutation's answer, or 'wedged' once /health stops answering 200 while it is still pending. */
  async function answerOrWedged<T>(pending: Promise<T>): Promise<T | 'wedged'> {
    let settled = false;
    const answer = pending.finally(() => (settled = true));
    const watch = (async (): Promise<'wedged'> => {
      for (;;) {
        if (settled) return new Promise<never>(() => undefined);
        const status = await health();
        if (status !== 200 && !settled) return 'wedged';
        await new Promise((resolve) => setTimeout(resolve, 100)); // the next look at /health
      }
    })();
    return Promise.race([answer, watch]);
  }

  it('fails a read outside its transaction at once: INTERNAL_SERVER_ERROR, rolled back, logged, server healthy', async () => {
    const logs = captureLogs(t.app);
    try {
      const outcome = await answerOrWedged(
        t.gql<{ probeReadOutsideTransaction: boolean }>({
          query: 'mutation { probeReadOutsideTransaction(slug: "probe-outside") }',
        }),
      );
      expect(outcome).not.toBe('wedged');
      expect(outcome).toMatchObject({ body: { errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } });
      expect(JSON.stringify(outcome)).not.toContain(QUERY_OUTSIDE_TRANSACTION); // said in the log only
      expect(logs.lines.some((l) => JSON.stringify(l).includes(QUERY_OUTSIDE_TRANSACTION))).toBe(true);
    } finally {
      logs.restore();
    }
    const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM network WHERE slug = 'probe-outside'`)) as {
      n: number;
    }[];
    expect(row.n).toBe(0);
    expect(await health()).toBe(200);
  });

  it('nominates someone new for a training (the README example)', async () => {
    const lucia = await tokenOf('lucia.fernandez@example.org');
    const martin = await tokenOf('martin.acosta@example.org');
    const latam = await networkId('latam-network');
    const curricula = await t.gql<{ curricula: { edges: { node: { id: string; status: string } }[] } }>(
      {
        query: 'query($n: ID) { curricula(networkId: $n) { edges { node { id status } } } }',
        variables: { n: latam },
      },
      { token: lucia },
    );
    const published = curricula.body.data!.curricula.edges.find((e) => e.node.status === 'PUBLISHED')!.node.id;
    const created = await t.gql<{ createTraining: { id: string; version: number } }>(
      {
        query: 'mutation($i: CreateTrainingInput!) { createTraining(input: $i) { id version } }',
        variables: {
          i: {
            networkId: latam,
            curriculumVersionId: published,
            format: 'ONLINE',
            start: '2030-05-01T09:00',
            end: '2030-05-02T17:00',
            timeZone: 'America/Argentina/Buenos_Aires',
            capacity: 10,
          },
        },
      },
      { token: lucia },
    );
    const training = created.body.data!.createTraining;
    const opened = await t.gql(
      {
        query: 'mutation($i: TrainingStepInput!) { openNominations(input: $i) { status } }',
        variables: { i: { trainingId: training.id, expectedVersion: training.version } },
      },
      { token: lucia },
    );
    expect(opened.body.errors).toBeUndefined();

    const outcome = await answerOrWedged(
      t.gql<{ nominate: { status: string } }>(
        {
          query: 'mutation($i: NominateInput!) { nominate(input: $i) { status } }',
          variables: {
            i: { trainingId: training.id, newPerson: { name: 'Lucía Gómez', email: 'lucia.gomez@example.org' } },
          },
        },
        { token: martin },
      ),
    );
    expect(outcome).not.toBe('wedged');
    expect(outcome).toMatchObject({ body: { data: { nominate: { status: 'CONFIRMED' } } } });
    const [person] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM person WHERE name = 'Lucía Gómez'`)) as {
      n: number;
    }[];
    expect(person.n).toBe(1);
    expect(await health()).toBe(200);
  });

  it('attaches a plan dashboard to an agenda item', async () => {
    const aline = await tokenOf('aline.ndayishimiye@example.org');
    const icglr = await networkId('icglr-committee');
    const made = await t.gql<{ createMeeting: { id: string } }>(
      {
        query: 'mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { id } }',
        variables: {
          i: {
            networkId: icglr,
            kind: 'REGIONAL_COMMITTEE',
            title: [{ language: 'en', text: 'Review of the national action plans' }],
            start: '2030-03-01T10:00',
            end: '2030-03-01T12:00',
            timeZone: 'Africa/Kampala',
          },
        },
      },
      { token: aline },
    );
    const meetingId = made.body.data!.createMeeting.id;
    const agenda = await t.gql<{ meeting: { agenda: { version: number } } }>(
      { query: 'query($id: ID!) { meeting(id: $id) { agenda { version } } }', variables: { id: meetingId } },
      { token: aline },
    );
    const item = await t.gql<{ addAgendaItem: { item: { id: string } } }>(
      {
        query: 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }',
        variables: {
          i: {
            meetingId,
            expectedVersion: agenda.body.data!.meeting.agenda.version,
            title: [{ language: 'en', text: 'Status of the national action plans' }],
          },
        },
      },
      { token: aline },
    );
    const outcome = await answerOrWedged(
      t.gql<{ attachPlanDashboard: { dashboard: { total: { plans: number } } } }>(
        {
          query:
            'mutation($i: AttachPlanDashboardInput!) { attachPlanDashboard(input: $i) { dashboard { total { plans } } } }',
          variables: {
            i: { agendaItemId: item.body.data!.addAgendaItem.item.id, networkId: icglr, asOf: '2014-06-30' },
          },
        },
        { token: aline },
      ),
    );
    expect(outcome).not.toBe('wedged');
    expect(outcome).toMatchObject({ body: { data: { attachPlanDashboard: { dashboard: { total: { plans: 3 } } } } } });
    expect(await health()).toBe(200);
  });
});
