import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG, AppConfig, decodeRelayedSignal, LIVE_RELAY_CHANNEL, LiveSignal } from '@enlace/core';

export type RedisClient = ReturnType<typeof createClient>;

/** Redis as `/health` reports it: answering, or unreachable (live delivery limited to each process). */
export type LiveRedisState = 'ok' | 'degraded';

/** Longest pause between two attempts to reach Redis; attempts back off from 100 ms up to it. */
export const REDIS_RECONNECT_MAX_MS = 2_000;

/** Exponential backoff with a little jitter, so that processes do not knock on Redis in step; never gives up. */
export function redisReconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** Math.min(retries, 10), REDIS_RECONNECT_MAX_MS) + Math.floor(Math.random() * 100);
}

/**
 * The live door's Redis (`REDIS_URL`), built so that an outage degrades and never kills (issue 9):
 *
 * - every client has an `'error'` listener (an unhandled one would end the process) and reconnects
 *   forever with backoff; `connect()` is not awaited, so an api starts while Redis is down and
 *   connects when it comes up;
 * - the commanding client has no offline queue: while Redis is unreachable its commands fail at once
 *   instead of waiting, so a broadcast (which publishes before delivering locally), a rate-limit check
 *   or a socket's persisted state never hangs on Redis;
 * - the Socket.IO streams adapter gets a guarded view of it ({@link forStreamsAdapter}): commands it
 *   fires and forgets cannot become unhandled rejections, and its stream readers wait for Redis
 *   instead of spinning;
 * - when Redis is reached again after an outage, listeners ({@link onResumed}) re-check what the
 *   signals lost meanwhile would have changed, and {@link predatesOutage} tells connection-state
 *   recovery which saved states miss what was published during it.
 *
 * Without `REDIS_URL` there is no client and {@link state} is undefined.
 */
@Injectable()
export class LiveRedis implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveRedis');
  /** The commanding client (publishing, budgets, persisted states); undefined without `REDIS_URL`. */
  readonly client?: RedisClient;
  private readonly readers = new Set<RedisClient>();
  private readonly resumedListeners = new Set<() => void>();
  private readonly relayedListeners = new Set<(signal: LiveSignal) => void>();
  /** The subscriber to `LIVE_RELAY_CHANNEL` (signals of processes without sockets: the worker). */
  private relaySubscriber?: RedisClient;
  /** Unreachable since the last 'ready' (or since start): the next 'ready' ends an outage. */
  private unreachable = false;
  /** Redis's own clock (ms) when it was reached again after the last outage. */
  private resumedAt?: number;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) return;
    this.client = createClient({
      url: config.redisUrl,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: redisReconnectDelay, connectTimeout: 5_000 },
    });
    this.client.on('error', (error: unknown) => this.lost(error));
    this.client.on('ready', () => this.reached());
  }

  onModuleInit(): void {
    // Not awaited: it resolves once Redis answers, however long that takes.
    this.client?.connect().catch((error: unknown) => this.lost(error));
    this.subscribeRelay();
  }

  /**
   * Calls `listener` with each signal a process without sockets (the worker) relayed through Redis
   * (`LIVE_RELAY_CHANNEL`); the listener delivers it to this process's sockets only. Returns the unsubscribe.
   */
  onRelayed(listener: (signal: LiveSignal) => void): () => void {
    this.relayedListeners.add(listener);
    return () => this.relayedListeners.delete(listener);
  }

  /** One subscriber per process, resubscribed by the client after each reconnection. */
  private subscribeRelay(): void {
    if (!this.client) return;
    const subscriber = this.client.duplicate();
    subscriber.on('error', () => undefined); // the commanding client reports outages, once each
    this.relaySubscriber = subscriber;
    const deliver = (message: string) => {
      const signal = decodeRelayedSignal(message);
      if (!signal) return;
      for (const listener of this.relayedListeners) {
        try {
          listener(signal);
        } catch {
          // A listener's failure is its own (the gateway logs); the others still get the signal.
        }
      }
    };
    subscriber
      .connect()
      .then(() => subscriber.subscribe(LIVE_RELAY_CHANNEL, deliver))
      .catch((error: unknown) => this.lost(error));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const reader of this.readers) if (reader.isOpen) reader.destroy();
    if (this.relaySubscriber?.isOpen) this.relaySubscriber.destroy();
    const client = this.client;
    if (!client?.isOpen) return;
    if (client.isReady) await client.close().catch(() => client.isOpen && client.destroy());
    else client.destroy();
  }

  /** `ok` while Redis answers, `degraded` while it does not; undefined without `REDIS_URL`. */
  state(): LiveRedisState | undefined {
    if (!this.client) return undefined;
    return this.client.isReady ? 'ok' : 'degraded';
  }

  /** Calls `listener` each time Redis is reached again after being unreachable; returns the unsubscribe. */
  onResumed(listener: () => void): () => void {
    this.resumedListeners.add(listener);
    return () => this.resumedListeners.delete(listener);
  }

  /**
   * Whether a stream offset (`<ms>-<seq>`, the last packet a client got) was written before the last
   * outage this process saw: what was published during that outage never reached the stream, so a
   * state recovered from there would silently miss it.
   */
  predatesOutage(offset: string): boolean {
    if (this.resumedAt === undefined) return false;
    const ms = Number(/^(\d+)-\d+$/.exec(offset)?.[1]);
    return !Number.isFinite(ms) || ms < this.resumedAt;
  }

  /**
   * The client `@socket.io/redis-streams-adapter` is given. It fires some commands and forgets them
   * (saving a socket's state on disconnect, some publications): here none of their failures is left
   * unhandled. The clients it duplicates (stream readers, the pub/sub subscriber) are tracked and
   * closed with this one; a reader's XREAD waits until Redis answers, because the adapter's read loop
   * retries at once on failure and would otherwise spin while Redis is down.
   */
  forStreamsAdapter(): RedisClient {
    const client = this.required();
    return guarded(client, { duplicate: () => this.reader() });
  }

  private reader(): RedisClient {
    const reader = this.required().duplicate();
    reader.on('error', () => undefined); // the commanding client reports outages, once each
    this.readers.add(reader);
    return guarded(reader, {
      xRead: (...args: Parameters<RedisClient['xRead']>) => this.whenReady(reader).then(() => reader.xRead(...args)),
      disconnect: async () => {
        if (reader.isOpen) reader.destroy();
      },
    });
  }

  /** Resolves once `reader` is ready; never, once it is closed (a read loop then just stops). */
  private whenReady(reader: RedisClient): Promise<void> {
    if (reader.isReady && !this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.closed || !reader.isOpen) return;
      reader.once('ready', () => {
        if (!this.closed) resolve();
      });
    });
  }

  private required(): RedisClient {
    if (!this.client) throw new Error('REDIS_URL is not set');
    return this.client;
  }

  private lost(error: unknown): void {
    if (this.closed || this.client?.isReady) return;
    if (!this.unreachable) {
      this.logger.warn(
        `Redis unreachable (${error instanceof Error ? error.message : String(error)}): live events reach ` +
          `only this process's sockets until it answers again; reconnecting`,
      );
    }
    this.unreachable = true;
  }

  private reached(): void {
    if (!this.unreachable || this.closed) return;
    this.unreachable = false;
    this.resumedAt = Date.now();
    this.logger.log('Redis answers again: live events reach every process');
    void this.redisClock().then((ms) => {
      if (ms !== undefined) this.resumedAt = ms;
      for (const listener of this.resumedListeners) listener();
    });
  }

  /** Redis's clock, which stream offsets are written with (this host's may differ a little). */
  private async redisClock(): Promise<number | undefined> {
    try {
      const [seconds, micros] = await this.required().time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    } catch {
      return undefined;
    }
  }
}

/**
 * A view of `client` whose methods are called on the client itself and whose failures are never
 * unhandled (a rejection still reaches whoever awaits it); `overrides` replace some methods.
 */
function guarded(client: RedisClient, overrides: Record<string, unknown>): RedisClient {
  return new Proxy(client, {
    get(target, property) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          result = Promise.reject(error);
        }
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      };
    },
  });
}
