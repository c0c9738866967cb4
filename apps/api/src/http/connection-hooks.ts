import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import { REQUEST_ID_HEADER } from './request-id';

export interface ConnectionHookOptions {
  /** How long connections with a request in flight may take to finish once draining began. */
  readonly graceMs: number;
}

/** Resolves once every connection of the server has ended. Idempotent: later calls share the first drain. */
type Drain = () => Promise<void>;

const drains = new WeakMap<FastifyInstance, Drain>();

/**
 * Root-level Fastify hooks every route shares, and the shutdown drain:
 * - `X-Request-Id` on every answer (errors and 404s included), the id the request's log lines carry;
 * - once draining begins (`drainConnections`, called on SIGTERM, or Fastify's own close), the
 *   server accepts no new connections, idle kept-alive ones are closed, and each answer ends its
 *   connection (`Connection: close`); a request in flight, even one whose body is still arriving,
 *   completes; connections still open `graceMs` later (a request that lingers, a socket that does
 *   not close) are cut. Fastify's close waits for the drain, so the database closes after it.
 */
export function registerConnectionHooks(instance: FastifyInstance, options: ConnectionHookOptions): void {
  const sockets = new Set<Socket>();
  instance.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let drained: Promise<void> | undefined;
  const drain: Drain = () => (drained ??= drainServer(instance, sockets, options.graceMs));
  drains.set(instance, drain);

  instance.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  instance.addHook('preClose', async () => {
    await drain();
  });
  instance.addHook('onSend', async (_request, reply, payload) => {
    if (drained) reply.header('connection', 'close');
    return payload;
  });
}

/**
 * Stops accepting connections now and resolves once every open one has ended (see
 * `registerConnectionHooks`). For a server built without those hooks, resolves at once.
 */
export function drainConnections(instance: FastifyInstance): Promise<void> {
  return drains.get(instance)?.() ?? Promise.resolve();
}

function drainServer(instance: FastifyInstance, sockets: Set<Socket>, graceMs: number): Promise<void> {
  const server = instance.server;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      instance.log.warn({ graceMs, connections: sockets.size }, 'shutdown grace period over: connections cut');
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy(); // upgraded (WebSocket) connections included
    }, graceMs);
    // `close` stops listening at once; its callback runs when the last connection has ended (or at
    // once, with ERR_SERVER_NOT_RUNNING, when the server never listened).
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
