import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { lockDataDir } from './data-dir-lock';

export type EntityClass = new (...args: never[]) => unknown;
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceParts {
  readonly entities: EntityClass[];
  readonly migrations: MigrationClass[];
}

/**
 * The extensions every database has: created by the migrations on PostgreSQL (`btree_gist` by the
 * seat-terms one), loaded at create on PGlite.
 */
export const EXTENSIONS = ['pgcrypto', 'citext', 'unaccent', 'pg_trgm', 'btree_gist'] as const;

/**
 * Builds TypeORM options: PostgreSQL when `databaseUrl` is set, otherwise an embedded PGlite in
 * `dataDir` spoken to through node-postgres (`createPgConfig`, a pool of one connection).
 */
export async function createDataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  parts: DataSourceParts,
): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    uuidExtension: 'pgcrypto' as const,
  };
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, poolSize: 10, extra: { application_name: 'enlace' } };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  let embedded;
  try {
    embedded = await createPgliteConfig(config.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const { pgConfig, pglite } = embedded;
  return {
    ...common,
    host: pgConfig.host,
    port: pgConfig.port,
    username: pgConfig.user,
    password: pgConfig.password,
    database: pgConfig.database,
    poolSize: 1,
    extra: { connection: pgConfig.connection, max: 1, pglite, unlock },
  };
}

const EMBEDDED_POSTGRESQL_CONF = [
  'shared_buffers = 8MB',
  'work_mem = 2MB',
  'maintenance_work_mem = 8MB',
  'temp_buffers = 2MB',
  'wal_buffers = 256kB',
].join('\n');

async function createPgliteConfig(dataDir: string) {
  // PGlite is WebAssembly: V8's optimising tier costs ~55 MiB of resident code and, on two cores,
  // more compile time than it saves (bench/embedded-start.js; docs/decisions/0004). Set before the
  // module is compiled; it only affects WebAssembly.
  setFlagsFromString('--liftoff-only');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { PGlite } = await import('@electric-sql/pglite');
  const [{ citext }, { pg_trgm }, { unaccent }, { pgcrypto }, { btree_gist }] = await Promise.all([
    import('@electric-sql/pglite/contrib/citext'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
    import('@electric-sql/pglite/contrib/btree_gist'),
  ]);
  // The instance is created from the main entry (not inside createPgConfig) so that its wasm and
  // data files resolve the same way from every loader; we own it and close it with the data source.
  const pglite = await PGlite.create(dataDir, {
    extensions: { citext, pg_trgm, unaccent, pgcrypto, btree_gist },
    // One process, one connection: PostgreSQL's server-sized buffers only cost resident memory here
    // (idle RSS 335 → 210 MiB for PGlite alone, measured by bench/embedded-start.js).
    postgresqlconf: EMBEDDED_POSTGRESQL_CONF,
  });
  return { pgConfig: createPgConfig(pglite), pglite };
}

/** Closes a data source and, in embedded mode, the PGlite instance behind it. */
export async function destroyDataSource(dataSource: DataSource): Promise<void> {
  const extra = dataSource.options.extra as {
    pglite?: { closed: boolean; close(): Promise<void> };
    unlock?: () => void;
  };
  if (dataSource.isInitialized) await dataSource.destroy();
  if (extra?.pglite && !extra.pglite.closed) await extra.pglite.close();
  extra?.unlock?.();
}

export async function createDataSource(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  parts: DataSourceParts,
): Promise<DataSource> {
  const dataSource = new DataSource(await createDataSourceOptions(config, parts));
  await dataSource.initialize();
  return dataSource;
}
