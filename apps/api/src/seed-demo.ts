import 'reflect-metadata';
import {
  AuditLogEntity,
  ConfigError,
  describeStartupError,
  createDataSource,
  createLogger,
  destroyDataSource,
  I18nService,
  loadConfig,
  runMigrations,
} from '@enlace/core';
import { createDemoSeed } from '@enlace/identity';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createMeetingsDemoSeed, loadMeetingsDemo } from '@enlace/meetings';
import { MIGRATIONS } from '@enlace/migrations';

/**
 * `npm run seed:demo`: loads demo/networks.json into the configured database (PostgreSQL with
 * DATABASE_URL, otherwise the embedded PGlite in DATA_DIR), after running pending migrations the
 * same way `npm start` does. Idempotent: running it again changes nothing.
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
  const data = loadDemoData(); // validated before the database is touched
  const directory = loadDirectoryDemo();
  const meetings = loadMeetingsDemo();
  const dataSource = await createDataSource(config, {
    entities: [AuditLogEntity],
    migrations: MIGRATIONS,
  });
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const service = createDemoSeed(dataSource);
    const summary = await service.seed(data);
    logger.info({ ...summary }, 'demo data seeded');
    const directorySummary = await createDirectoryDemoSeed(dataSource, new I18nService()).seed(directory, data);
    logger.info({ ...directorySummary }, 'demo directory seeded');
    const meetingsSummary = await createMeetingsDemoSeed(dataSource).seed(meetings);
    logger.info({ ...meetingsSummary }, 'demo meetings seeded');
  } finally {
    await destroyDataSource(dataSource);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace seed:demo failed: ${describeStartupError(error)}\n`);
  process.exit(1);
});
