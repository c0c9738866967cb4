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

/** What a shutdown may take beyond `SHUTDOWN_GRACE_MS` (closing the pool) before the process gives up. */
const SHUTDOWN_MARGIN_MS = 15_000;

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
  // Graceful shutdown, as the api: no new claim (slot or outbox row), the delivery in hand finishes
  // its message and gives back the rest of its batch, the job run in hand finishes (told to stop once
  // SHUTDOWN_GRACE_MS is over), the pool closes, exit 0 (1 if that fails or takes too long).
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    const timeoutMs = config.shutdownGraceMs + SHUTDOWN_MARGIN_MS;
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs).unref();
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
