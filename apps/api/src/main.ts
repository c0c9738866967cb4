import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, describeStartupError, loadConfig } from '@enlace/core';
import { createApp } from './bootstrap';

/** Longest a shutdown may take (in-flight requests, then the database) before the process gives up. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish
 * (new ones on kept-alive connections get 503), run the shutdown hooks (database pool, embedded
 * PGlite flushed and closed), then exit 0; exit 1 if that fails or takes too long.
 */
function closeOnSignals(app: NestFastifyApplication): void {
  const log = app.getHttpAdapter().getInstance().log;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => {
        log.info('shut down');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

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
  const app = await createApp(config);
  closeOnSignals(app);
  await app.listen({ port: config.port, host: config.host });
  app
    .getHttpAdapter()
    .getInstance()
    .log.info({ url: `http://${config.host}:${config.port}` }, 'enlace api listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace failed to start: ${describeStartupError(error)}\n`);
  process.exit(1);
});
