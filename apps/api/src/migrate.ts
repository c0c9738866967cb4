import 'reflect-metadata';
import {
  ConfigError,
  describeStartupError,
  createDataSource,
  createLogger,
  destroyDataSource,
  loadConfig,
  runMigrations,
} from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';

/**
 * `npm run migrate`: runs pending migrations against the configured database (PostgreSQL with
 * DATABASE_URL, otherwise the embedded PGlite in DATA_DIR) under the same advisory lock as `npm
 * start`, so it is safe while servers start, then exits.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const dataSource = await createDataSource(config, { entities: [], migrations: MIGRATIONS });
  try {
    const applied = await runMigrations(dataSource);
    logger.info({ migrations: applied }, applied.length > 0 ? 'migrations applied' : 'no pending migrations');
  } finally {
    await destroyDataSource(dataSource);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${describeStartupError(error)}\n`);
  process.exit(1);
});
