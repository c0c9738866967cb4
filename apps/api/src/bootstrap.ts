import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig, createLogger, PinoNestLogger, runMigrations } from '@enlace/core';
import { AppModule } from './app.module';

/** Largest accepted request body: GraphQL documents and variables, not file uploads. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Builds the api: Fastify with pino request logs (each with a request id), migrations under an
 * advisory lock, then the bootstrap administrator. The caller decides when to listen.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (config.migrateOnStart) {
    const applied = await runMigrations(app.get(DataSource));
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  }
  await app.init();
  return app;
}
