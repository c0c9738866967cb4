import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap';
import type { TestApp } from './test-app';

/** Another api process (same config, same database, same Redis) beside `first`, on its own port. */
export async function startSecondApp(
  first: TestApp,
): Promise<{ url: string; app: NestFastifyApplication; close(): Promise<void> }> {
  const app = await createApp(first.config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}
