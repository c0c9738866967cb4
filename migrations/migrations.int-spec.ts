import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { DataSource } from 'typeorm';
import { createDataSource, destroyDataSource, revertAllMigrations, runMigrations } from '@enlace/core';
import { createEmptyDatabase, createTestDatabase, TestDatabase } from '@enlace/testing';
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

describe('migrations', () => {
  it('go up, down and up again on PostgreSQL', async () => {
    const db: TestDatabase = await createEmptyDatabase();
    const ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: MIGRATIONS });
    try {
      await roundTrip(ds);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('go up, down and up again on embedded PGlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'enlace-pglite-'));
    const ds = await createDataSource({ dataDir }, { entities: [], migrations: MIGRATIONS });
    try {
      await roundTrip(ds);
    } finally {
      await destroyDataSource(ds);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('serialise concurrent runners with the advisory lock', async () => {
    const db = await createEmptyDatabase();
    const sources = await Promise.all(
      [1, 2, 3].map(() =>
        createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: MIGRATIONS }),
      ),
    );
    try {
      const results = await Promise.all(sources.map((ds) => runMigrations(ds)));
      expect(results.flat()).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((ds) => ds.destroy()));
      await db.drop();
    }
  });

  // The migrations carry frozen country data; the validators use the installed package. When an
  // upgrade brings a code the migrations do not have, this fails: add the country in a new migration.
  it('insert a country row for every code the installed i18n-iso-countries knows', async () => {
    const db = await createTestDatabase();
    const ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: [] });
    try {
      const rows = (await ds.query(`SELECT code FROM country`)) as { code: string }[];
      const stored = new Set(rows.map((r) => r.code));
      expect(Object.keys(countries.getAlpha2Codes()).filter((code) => !stored.has(code))).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
