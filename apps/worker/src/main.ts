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

/** Longest a shutdown may take (the message being sent, the job run in hand) before the process gives up. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

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
  // Graceful shutdown, as the api: timers stop, the delivery in hand finishes its message and gives
  // back the rest of its batch, the pool closes, exit 0 (1 if that fails or takes too long).
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => {
        logger.info('shut down');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.init();
  logger.info('enlace worker running');
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace worker failed to start: ${describeStartupError(error)}\n`);
  process.exit(1);
});
