import countries from 'i18n-iso-countries';
import { DataSource } from 'typeorm';
import { revertAllMigrations, runMigrations } from '@enlace/core';
import { createEngineDatabase, ENGINES, testDataSource } from '@enlace/testing';
import { MIGRATIONS } from './index';

async function tables(ds: DataSource): Promise<string[]> {
  const rows = (await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  )) as { table_name: string }[];
  return rows.map((r) => r.table_name);
}

/** Up, down, up again: proves every migration's down() undoes its up(), on both engines. */
async function roundTrip(ds: DataSource): Promise<void> {
  const applied = await runMigrations(ds);
  expect(applied).toHaveLength(MIGRATIONS.length);
  const afterUp = await tables(ds);
  expect(afterUp).toEqual(
    expect.arrayContaining(['person', 'account', 'session', 'network', 'membership', 'audit_log']),
  );

  expect(await runMigrations(ds)).toEqual([]);

  expect(await revertAllMigrations(ds)).toBe(MIGRATIONS.length);
  expect(await tables(ds)).toEqual(['migrations']);

  expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
  expect(await tables(ds)).toEqual(afterUp);
}

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('go up, down and up again', async () => {
    const empty = await testDataSource(engine, { empty: true });
    try {
      await roundTrip(empty.dataSource);
    } finally {
      await empty.close();
    }
  });
});

describe('migrations', () => {
  it('serialise concurrent runners with the advisory lock', async () => {
    const db = await createEngineDatabase('PostgreSQL', { empty: true });
    const sources = await Promise.all([1, 2, 3].map(() => testDataSource('PostgreSQL', { empty: true, database: db })));
    try {
      const results = await Promise.all(sources.map((s) => runMigrations(s.dataSource)));
      expect(results.flat()).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((s) => s.close()));
      await db.drop();
    }
  });

  // The migrations carry frozen country data; the validators use the installed package. When an
  // upgrade brings a code the migrations do not have, this fails: add the country in a new migration.
  it('insert a country row for every code the installed i18n-iso-countries knows', async () => {
    const { dataSource: ds, close } = await testDataSource('PostgreSQL');
    try {
      const rows = (await ds.query(`SELECT code FROM country`)) as { code: string }[];
      const stored = new Set(rows.map((r) => r.code));
      expect(Object.keys(countries.getAlpha2Codes()).filter((code) => !stored.has(code))).toEqual([]);
    } finally {
      await close();
    }
  });
});
