import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig, createLogger, I18nService, PinoNestLogger, runMigrations } from '@enlace/core';
import { BootstrapAdminService, proxyTrust } from '@enlace/identity';
import { AppModule } from './app.module';
import { LiveIoAdapter } from './live/live-io.adapter';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { registerConnectionHooks } from './http/connection-hooks';
import { frameworkErrorOptions, registerRouteErrorHandler } from './http/framework-errors';
import { strictUtf8JsonParser } from './http/json-body';
import { requestIdFor } from './http/request-id';
import { BODY_LIMIT_BYTES } from './http/transport-error';

export { BODY_LIMIT_BYTES };

/**
 * Builds the api: Fastify with pino request logs (each with a request id, echoed in `X-Request-Id`),
 * migrations under an advisory lock, then the bootstrap administrator. The caller decides when to
 * listen and when to close (`main.ts` closes on SIGTERM/SIGINT). Tests may pass a root module that
 * imports `AppModule.forRoot(config)` and adds test-only providers.
 */
export async function createApp(
  config: AppConfig,
  rootModule: DynamicModule = AppModule.forRoot(config),
): Promise<NestFastifyApplication> {
  const logger = createLogger(config);
  const translations: { service?: I18nService } = {}; // known once Nest has built the app
  const adapter = new FastifyAdapter({
    ...frameworkErrorOptions(() => translations.service),
    loggerInstance: logger,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: proxyTrust(config.trustProxy),
    // Shutdown is the connection drain's (http/connection-hooks.ts): nothing cut or refused before it says.
    return503OnClosing: false,
  });
  registerConnectionHooks(adapter.getInstance(), { graceMs: config.shutdownGraceMs });
  registerRouteErrorHandler(adapter.getInstance(), () => translations.service);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const i18n = app.get(I18nService);
  translations.service = i18n;
  app.useGlobalFilters(new HttpExceptionFilter(i18n));
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, strictUtf8JsonParser(adapter.getInstance()));
  if (config.migrateOnStart) {
    const applied = await runMigrations(app.get(DataSource));
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  }
  const admin = await app.get(BootstrapAdminService).ensureAdmin();
  if (admin === 'created') logger.info('bootstrap administrator created from ADMIN_EMAIL');
  if (admin === 'emailTaken') logger.warn('ADMIN_EMAIL belongs to an existing account: no administrator created');
  // Live channels: Socket.IO on this same HTTP server (limits, origins, Redis when configured).
  app.useWebSocketAdapter(await LiveIoAdapter.create(app, config));
  await app.init();
  return app;
}
