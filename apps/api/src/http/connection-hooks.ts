import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Root-level Fastify hooks every route shares:
 * - `X-Request-Id` on every answer (errors and 404s included), the id the request's log lines carry;
 * - once the server is closing, each answer ends its connection (`Connection: close`): a request in
 *   flight at SIGTERM completes, and its kept-alive connection no longer holds the shutdown open
 *   until the keep-alive timeout.
 */
export function registerConnectionHooks(instance: FastifyInstance): void {
  let closing = false;
  instance.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  instance.addHook('preClose', async () => {
    closing = true;
  });
  instance.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
