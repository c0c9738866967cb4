import { DataSource } from 'typeorm';
import { runMigrations } from '@enlace/core';
import { ENGINES, TestDataSource, testDataSource } from '@enlace/testing';
import { SeatTerms1732400000000 } from './1732400000000-seat-terms';
import { MIGRATIONS } from './index';

/** Every migration before the seat-terms one: the schema the old code wrote overlapping terms into. */
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SeatTerms1732400000000));

/** Runs the seat-terms migration's up() or down() in a transaction, as the migration runner does. */
async function step(ds: DataSource, direction: 'up' | 'down'): Promise<void> {
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.startTransaction();
    await new SeatTerms1732400000000()[direction](q);
    await q.commitTransaction();
  } catch (error) {
    await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}

describe.each(ENGINES)('seat terms on %s', (engine) => {
  let db: TestDataSource;
  let ds: DataSource;
  let net: string;
  const people: Record<string, string> = {};

  async function term(
    person: string,
    role: string,
    memberState: string | null,
    startsOn: string,
    endsOn: string | null,
  ): Promise<string> {
    const rows = (await ds.query(
      `INSERT INTO membership (person_id, network_id, role, member_state, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [people[person], net, role, memberState, startsOn, endsOn],
    )) as { id: string }[];
    return rows[0].id;
  }

  async function endOf(id: string): Promise<string | null> {
    const rows = (await ds.query(`SELECT ends_on::text AS ends_on FROM membership WHERE id = $1`, [id])) as {
      ends_on: string | null;
    }[];
    return rows[0].ends_on;
  }

  async function sqlState(statement: Promise<unknown>): Promise<string | undefined> {
    try {
      await statement;
      return undefined;
    } catch (error) {
      return (error as { driverError?: { code?: string } }).driverError?.code ?? 'no code';
    }
  }

  beforeAll(async () => {
    db = await testDataSource(engine, { empty: true, migrations: BEFORE });
    ds = db.dataSource;
    await runMigrations(ds);
    const [network] = (await ds.query(
      `INSERT INTO network (slug, name, kind, default_language, working_languages)
       VALUES ('seat-net', '{"en": {"text": "Seat network"}}', 'GOVERNMENTAL', 'en', '{en}') RETURNING id`,
    )) as { id: string }[];
    net = network.id;
    for (const name of ['ana', 'bruno', 'carla', 'dora', 'eva']) {
      const [row] = (await ds.query(`INSERT INTO person (name) VALUES ($1) RETURNING id`, [name])) as { id: string }[];
      people[name] = row.id;
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it('ends the older of overlapping terms left by the old code at the newer one’s start, and down() restores them', async () => {
    // Peru's focal-point seat, written without a seat lock: two open terms and a bounded one inside.
    const ana = await term('ana', 'FOCAL_POINT', 'PE', '2020-01-01', null);
    const bruno = await term('bruno', 'FOCAL_POINT', 'PE', '2021-01-01', null);
    const carla = await term('carla', 'FOCAL_POINT', 'PE', '2022-06-01', '2022-12-01');
    // Same member state, the other seat role, and a clean handover elsewhere: untouched.
    const alternate = await term('dora', 'ALTERNATE_FOCAL_POINT', 'PE', '2020-06-01', null);
    const before = await term('dora', 'FOCAL_POINT', 'CL', '2019-01-01', '2021-01-01');
    const after = await term('eva', 'FOCAL_POINT', 'CL', '2021-01-01', null);
    // Roles without a seat may overlap freely.
    const secretariat = await term('ana', 'SECRETARIAT', null, '2020-01-01', null);
    const secretariatToo = await term('bruno', 'SECRETARIAT', null, '2020-01-01', null);

    await step(ds, 'up');

    expect(await endOf(ana)).toBe('2021-01-01');
    expect(await endOf(bruno)).toBe('2022-06-01');
    expect(await endOf(carla)).toBe('2022-12-01');
    for (const id of [alternate, after, secretariat, secretariatToo]) expect(await endOf(id)).toBeNull();
    expect(await endOf(before)).toBe('2021-01-01');
    const audit = (await ds.query(
      `SELECT entity_id, actor_person_id, before, after FROM audit_log WHERE entity_type = 'membership'`,
    )) as { entity_id: string; actor_person_id: string | null; before: unknown; after: unknown }[];
    expect(audit.sort((x, y) => x.entity_id.localeCompare(y.entity_id))).toEqual(
      [
        { entity_id: ana, before: { endsOn: null }, after: { endsOn: '2021-01-01', reason: 'seat-overlap-migration' } },
        {
          entity_id: bruno,
          before: { endsOn: null },
          after: { endsOn: '2022-06-01', reason: 'seat-overlap-migration' },
        },
      ]
        .map((a) => ({ ...a, actor_person_id: null }))
        .sort((x, y) => x.entity_id.localeCompare(y.entity_id)),
    );

    await step(ds, 'down');
    expect(await endOf(ana)).toBeNull();
    expect(await endOf(bruno)).toBeNull();
    expect(await endOf(carla)).toBe('2022-12-01');
    expect(await ds.query(`SELECT 1 FROM audit_log`)).toHaveLength(0);
    expect(await ds.query(`SELECT 1 FROM pg_constraint WHERE conname = 'membership_seat_term_excl'`)).toHaveLength(0);

    await step(ds, 'up');
    expect(await endOf(ana)).toBe('2021-01-01');
    expect(await endOf(bruno)).toBe('2022-06-01');
  });

  it('refuses a raw insert that overlaps a term of the same seat (23P01), and allows what does not overlap', async () => {
    // After the first test Peru's focal-point seat is held by Carla until 2022-12-01, then vacant.
    expect(await sqlState(term('dora', 'FOCAL_POINT', 'PE', '2022-11-30', null))).toBe('23P01');
    expect(await sqlState(term('dora', 'FOCAL_POINT', 'PE', '2020-03-01', '2020-04-01'))).toBe('23P01');
    const update = ds.query(`UPDATE membership SET ends_on = NULL WHERE id = (
      SELECT id FROM membership WHERE member_state = 'PE' AND role = 'FOCAL_POINT' AND starts_on = '2020-01-01')`);
    expect(await sqlState(update)).toBe('23P01');

    // The day the last term ends is free (ends_on is exclusive); so are a zero-length term and the other role.
    const next = await term('dora', 'FOCAL_POINT', 'PE', '2022-12-01', null);
    expect(await endOf(next)).toBeNull();
    expect(await sqlState(term('eva', 'FOCAL_POINT', 'PE', '2021-03-01', '2021-03-01'))).toBeUndefined();
    expect(await sqlState(term('eva', 'ALTERNATE_FOCAL_POINT', 'CL', '2021-03-01', null))).toBeUndefined();
    expect(await sqlState(term('ana', 'ALTERNATE_FOCAL_POINT', 'CL', '2021-03-02', null))).toBe('23P01');
  });
});
