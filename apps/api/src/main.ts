import 'reflect-metadata';
import { ConfigError, loadConfig } from '@enlace/core';
import { createApp } from './bootstrap';

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
  await app.listen({ port: config.port, host: config.host });
  app
    .getHttpAdapter()
    .getInstance()
    .log.info({ url: `http://${config.host}:${config.port}` }, 'enlace api listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`enlace failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
