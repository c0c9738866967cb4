import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG, AppConfig, encodeRelayedSignal, LIVE_RELAY_CHANNEL, LiveBus, LiveSignal } from '@enlace/core';

/** Longest pause between two attempts to reach Redis (as the api's live door). */
const RECONNECT_MAX_MS = 2_000;

/**
 * The worker holds no sockets, yet its services publish on the `LiveBus` like an api's (a vacancy
 * alert's `notification:new`, once its transaction commits). With `REDIS_URL`, each such signal is
 * published on `LIVE_RELAY_CHANNEL`, and every api process delivers it to its own sockets. While
 * Redis does not answer, a signal is dropped at once (no offline queue: nothing piles up in the
 * worker); the notification itself is committed and listed over GraphQL, only its live push is lost.
 * Without `REDIS_URL` (one api process hosting the jobs itself) there is nothing to relay.
 */
@Injectable()
export class WorkerLiveRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerLiveRelay');
  private readonly client?: ReturnType<typeof createClient>;
  private unsubscribe?: () => void;
  private warned = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly live: LiveBus,
  ) {
    if (!config.redisUrl) return;
    this.client = createClient({
      url: config.redisUrl,
      disableOfflineQueue: true,
      socket: {
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), RECONNECT_MAX_MS),
        connectTimeout: 5_000,
      },
    });
    this.client.on('error', (error: unknown) => this.lost(error));
    this.client.on('ready', () => (this.warned = false));
  }

  onModuleInit(): void {
    const client = this.client;
    if (!client) return;
    // Not awaited: the worker starts while Redis is down and relays once it answers.
    client.connect().catch((error: unknown) => this.lost(error));
    this.unsubscribe = this.live.subscribe((signal) => this.relay(signal));
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    const client = this.client;
    if (!client?.isOpen) return;
    if (client.isReady) await client.close().catch(() => client.isOpen && client.destroy());
    else client.destroy();
  }

  private relay(signal: LiveSignal): void {
    const client = this.client;
    if (!client?.isReady) return this.lost(new Error('not connected'));
    client.publish(LIVE_RELAY_CHANNEL, encodeRelayedSignal(signal)).catch((error: unknown) => this.lost(error));
  }

  private lost(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Redis unreachable (${error instanceof Error ? error.message : String(error)}): live pushes of this ` +
        `worker are dropped until it answers again (notifications stay listed)`,
    );
  }
}
