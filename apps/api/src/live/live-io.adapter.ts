import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server as HttpServer } from 'node:http';
import { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '@enlace/core';
import { LiveMemoryAdapter } from './live-memory.adapter';
import { LiveRedis } from './live-redis';

/** Largest Socket.IO packet accepted (a 4,000-character message of 4-byte characters fits with room to spare). */
export const LIVE_MAX_PACKET_BYTES = 32 * 1024;
/** How long a dropped connection's rooms and missed packets are kept for it to recover. */
export const LIVE_RECOVERY_MS = 2 * 60 * 1000;

/**
 * Socket.IO on the api's own HTTP server (Fastify's), with the limits of SPEC §7: a small
 * `maxHttpBufferSize`, an origin allow-list (browsers only: a client that sends no Origin is not a
 * browser and gets past this check, never past the token check), connection-state recovery, and —
 * with `REDIS_URL` — the Redis streams adapter so that rooms span every process (it supports
 * recovery), on the live door's Redis connection (`LiveRedis`: an outage degrades delivery to each
 * process, never ends it); without it, the in-memory adapter (`LiveMemoryAdapter`, which, unlike
 * socket.io-adapter's own, lets go of its server once closed).
 */
export class LiveIoAdapter extends IoAdapter {
  private io?: Server;

  private constructor(
    httpServer: HttpServer,
    private readonly config: AppConfig,
    private readonly redis?: LiveRedis,
  ) {
    super(httpServer);
  }

  /** Does not wait for Redis: `LiveRedis` connects when it can (an api starts while Redis is down). */
  static async create(
    app: INestApplicationContext & { getHttpServer(): HttpServer },
    config: AppConfig,
  ): Promise<LiveIoAdapter> {
    return new LiveIoAdapter(app.getHttpServer(), config, config.redisUrl ? app.get(LiveRedis) : undefined);
  }

  /**
   * Built from the project's own socket.io (Nest's adapter package bundles another copy): one Server
   * on Fastify's HTTP server whatever the gateway's port says.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class types the bundled copy
  override createIOServer(_port: number, options?: object): any {
    const allowed = new Set(this.config.allowedOrigins);
    const prefix = this.config.redisKeyPrefix;
    const io = new Server(this.httpServer as HttpServer, {
      ...(options as Partial<ServerOptions>),
      maxHttpBufferSize: LIVE_MAX_PACKET_BYTES,
      connectionStateRecovery: { maxDisconnectionDuration: LIVE_RECOVERY_MS, skipMiddlewares: false },
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || allowed.has(origin));
      },
      ...(this.redis
        ? {
            adapter: createAdapter(this.redis.forStreamsAdapter(), {
              streamName: `${prefix}:live`,
              channelPrefix: `${prefix}:live`,
              sessionKeyPrefix: `${prefix}:live:session:`,
              blockTimeInMs: 1000,
              onlyPlaintext: true,
            }),
          }
        : { adapter: LiveMemoryAdapter }),
    });
    this.io = io;
    return io;
  }

  /**
   * Nest closes each gateway's server here; socket.io's `Server.close()` would also close the HTTP
   * server it is attached to and wait for its kept-alive connections, which are Fastify's to end (a
   * shutdown with a request in flight would hang). `dispose()` closes what is ours.
   */
  override async close(): Promise<void> {}

  /**
   * Closes the sockets, the engine and the rooms' adapters; the HTTP server is Fastify's to close, and
   * Redis `LiveRedis`'s (at application shutdown, after this).
   */
  override async dispose(): Promise<void> {
    const io = this.io;
    this.io = undefined;
    if (io) {
      io.disconnectSockets(true);
      io.engine.close();
      for (const nsp of io._nsps.values()) await nsp.adapter.close();
    }
  }
}
