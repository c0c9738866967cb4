import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, destroyDataSource, EntityClass, MigrationClass, runMigrations } from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';
import { createEmptyDatabase, createTestDatabase } from './test-database';

/** The two databases Enlace runs on: a PostgreSQL server, or PGlite embedded in the process. */
export type Engine = 'PostgreSQL' | 'embedded PGlite';

/** Both engines, for `describe.each(ENGINES)('… on %s', (engine) => …)`. */
export const ENGINES: readonly Engine[] = ['PostgreSQL', 'embedded PGlite'];

/** A fresh database of one engine, owned by one test file. */
export interface EngineDatabase {
  readonly engine: Engine;
  /** How to reach it, as `AppConfig` says it: a URL on PostgreSQL, a data directory on PGlite. */
  readonly location: { readonly databaseUrl?: string; readonly dataDir: string };
  /** `DATABASE_URL` or `DATA_DIR`, for `loadConfig`. */
  readonly env: Readonly<Record<string, string>>;
  /** Whether the schema is there already (the PostgreSQL template clone) or still has to be migrated. */
  readonly migrated: boolean;
  drop(): Promise<void>;
}

export interface EngineDatabaseOptions {
  /** Nothing migrated (for the migration specs); by default the full schema. */
  readonly empty?: boolean;
}

/**
 * A fresh database: on PostgreSQL a clone of the migrated template (or an empty database), on PGlite
 * a new data directory (migrated by whoever opens it: `testDataSource`, `testContext`).
 */
export async function createEngineDatabase(
  engine: Engine,
  options: EngineDatabaseOptions = {},
): Promise<EngineDatabase> {
  if (engine === 'PostgreSQL') {
    const db = options.empty ? await createEmptyDatabase() : await createTestDatabase();
    return {
      engine,
      location: { databaseUrl: db.url, dataDir: '' },
      env: { DATABASE_URL: db.url },
      migrated: !options.empty,
      drop: () => db.drop(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-test-'));
  return {
    engine,
    location: { dataDir },
    env: { DATA_DIR: dataDir },
    migrated: false,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface TestDataSource {
  readonly engine: Engine;
  readonly dataSource: DataSource;
  readonly database: EngineDatabase;
  close(): Promise<void>;
}

export interface TestDataSourceOptions extends EngineDatabaseOptions {
  /** The migrations the data source knows (default: all); an `empty` database is left unmigrated. */
  readonly migrations?: MigrationClass[];
  readonly entities?: EntityClass[];
  /** Another connection (pool) to a database that exists already; `close()` leaves the database. */
  readonly database?: EngineDatabase;
}

/**
 * A data source on a fresh database of `engine`, migrated unless `empty`: for specs of SQL, migrations
 * and code outside Nest. Services under test are built by `testContext` instead.
 */
export async function testDataSource(engine: Engine, options: TestDataSourceOptions = {}): Promise<TestDataSource> {
  const database = options.database ?? (await createEngineDatabase(engine, options));
  const owned = !options.database;
  let dataSource: DataSource;
  try {
    dataSource = await createDataSource(database.location, {
      entities: options.entities ?? [],
      migrations: options.migrations ?? MIGRATIONS,
    });
    if (!database.migrated && !options.empty) await runMigrations(dataSource);
  } catch (error) {
    if (owned) await database.drop();
    throw error;
  }
  return {
    engine: database.engine,
    dataSource,
    database,
    close: async () => {
      await destroyDataSource(dataSource);
      if (owned) await database.drop();
    },
  };
}
