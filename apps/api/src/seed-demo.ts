import 'reflect-metadata';
import {
  AuditLogEntity,
  ConfigError,
  describeStartupError,
  createDataSource,
  createLogger,
  destroyDataSource,
  loadConfig,
  runMigrations,
} from '@enlace/core';
import { loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { loadMeetingsDemo } from '@enlace/meetings';
import { MIGRATIONS } from '@enlace/migrations';
import { seedDemoData } from './demo-data';

/**
 * `npm run seed:demo`: loads demo/networks.json into the configured database (PostgreSQL with
 * DATABASE_URL, otherwise the embedded PGlite in DATA_DIR), after running pending migrations the
 * same way `npm start` does. Idempotent: running it again changes nothing. With the embedded
 * database it needs the server stopped; `npm start -- --demo` seeds inside the server instead.
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
  loadDemoData(); // validated before the database is touched
  loadDirectoryDemo();
  loadMeetingsDemo();
  const dataSource = await createDataSource(config, {
    entities: [AuditLogEntity],
    migrations: MIGRATIONS,
  });
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    await seedDemoData(dataSource, logger);
  } finally {
    await destroyDataSource(dataSource);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace seed:demo failed: ${describeStartupError(error)}\n`);
  process.exit(1);
});
