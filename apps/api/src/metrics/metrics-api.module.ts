import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, AppConfig } from '@enlace/core';
import { JobStatusModule } from '@enlace/jobs';
import { NotificationsModule } from '@enlace/notifications';
import { LiveModule } from '../live/live.module';
import { ApiMetrics } from './api-metrics';
import { metricsGate } from './metrics-access';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` (Prometheus text format), only when `METRICS_TOKEN` or `METRICS_ALLOW` is set.
 * Without either there is no such route and nothing is measured: the path answers 404 like any
 * unknown one. With them, a caller that has neither the token nor an allowed address gets that same
 * 404, so a stranger cannot tell whether metrics are on. Every answered request is counted from a
 * root `onResponse` hook (route pattern, GraphQL operation).
 */
@Module({
  imports: [NotificationsModule, JobStatusModule, LiveModule],
  providers: [ApiMetrics],
})
export class MetricsApiModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const access = this.config.metrics;
    if (!access) return;
    const metrics = this.moduleRef.get(ApiMetrics);
    metrics.start();
    const allowed = metricsGate(access);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => metrics.observeHttp(request, reply));
    fastify.get(METRICS_PATH, async (request, reply) => {
      if (!allowed(request)) return reply.callNotFound();
      const { contentType, body } = await metrics.render();
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
    });
  }
}
