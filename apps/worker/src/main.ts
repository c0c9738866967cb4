import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  ConfigError,
  createLogger,
  describeStartupError,
  loadConfig,
  PinoNestLogger,
  runMigrations,
} from '@enlace/core';
import { WorkerModule } from './worker.module';

/** `npm run start:worker`: runs the scheduled jobs against PostgreSQL, beside one or more api processes. */
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
  if (!config.databaseUrl) {
    process.stderr.write(
      'The worker needs DATABASE_URL: in the embedded mode (no DATABASE_URL) the api process runs the jobs itself.\n',
    );
    process.exit(1);
  }
  const logger = createLogger(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  await runMigrations(app.get(DataSource));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  logger.info('enlace worker running');
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace worker failed to start: ${describeStartupError(error)}\n`);
  process.exit(1);
});
