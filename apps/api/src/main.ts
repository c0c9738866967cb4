import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, describeStartupError, loadConfig } from '@enlace/core';
import { DataSource } from 'typeorm';
import { createApp } from './bootstrap';
import { seedDemoData } from './demo-data';
import { drainConnections } from './http/connection-hooks';

/**
 * What the rest of a shutdown (sockets, jobs, the database pool, the embedded PGlite flushed) may
 * take after the grace period before the process gives up with status 1.
 */
const SHUTDOWN_MARGIN_MS = 15_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: no new connections from the first moment (a load balancer
 * sends them elsewhere), requests in flight finish — uploads whose body is still arriving included —
 * with `SHUTDOWN_GRACE_MS` to do it, after which what lingers is cut; live sockets are closed so that
 * their clients reconnect (to another process); in the embedded mode the jobs stop claiming and
 * finish the run in hand; then the shutdown hooks close the database, and the process exits 0. It
 * exits 1 if that fails, or takes longer than the grace period and a margin.
 */
function closeOnSignals(app: NestFastifyApplication, graceMs: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const log = fastify.log;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    void drainConnections(fastify); // stops listening now; app.close() below waits for the drain
    log.info({ signal, graceMs }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: graceMs + SHUTDOWN_MARGIN_MS }, 'shutdown timed out');
      process.exit(1);
    }, graceMs + SHUTDOWN_MARGIN_MS);
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
  const demo = process.argv.slice(2).includes('--demo');
  const app = await createApp(config);
  closeOnSignals(app, config.shutdownGraceMs);
  // `npm start -- --demo`: the demo data set, loaded by the process that holds the database (idempotent).
  if (demo) await seedDemoData(app.get(DataSource), app.getHttpAdapter().getInstance().log);
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
