import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HealthRepository } from '@enlace/core';
import { JobLagService } from '@enlace/jobs';
import { EmailOutboxService } from '@enlace/notifications';
import { operationOf } from '../graphql/request-operation';
import { GRAPHQL_PATH } from '../http/http-exception.filter';
import { LiveGateway } from '../live/live.gateway';
import { BoundedLabels } from './bounded-labels';

/** Distinct GraphQL operation names a process labels on its own; later ones count as `other`. */
export const MAX_OPERATION_LABELS = 50;

/** Seconds: from 5 ms to 10 s, Prometheus' usual buckets. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Node's own process metrics (CPU, memory, event-loop delay, GC) once per process, whatever the
 * number of apps in it (tests boot several).
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The api's metrics, in Prometheus' text format (`GET /metrics`, metrics-api.module.ts). Labels are
 * only what the code defines — route patterns (never a raw URL), methods, status codes, GraphQL
 * operation names (bounded: `MAX_OPERATION_LABELS`, then `other`) and types, job names — never an
 * id, a network, a person or anything else a request carries in its data.
 */
@Injectable()
export class ApiMetrics {
  private readonly logger = new Logger('ApiMetrics');
  private readonly registry = new Registry();
  private readonly operations = new BoundedLabels(MAX_OPERATION_LABELS);

  private readonly httpRequests = new Counter({
    name: 'enlace_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'enlace_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly graphqlRequests = new Counter({
    name: 'enlace_graphql_requests_total',
    help:
      'GraphQL requests, by operation name ("anonymous" without one, "other" past the cap, "invalid" ' +
      'when no operation ran), operation type and outcome ("error" when the answer carries errors).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'enlace_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly outboxPending = new Gauge({
    name: 'enlace_email_outbox_pending',
    help: 'E-mails in the outbox neither sent nor given up.',
    registers: [this.registry],
  });
  private readonly outboxOldest = new Gauge({
    name: 'enlace_email_outbox_oldest_pending_seconds',
    help: 'How long the oldest pending e-mail has waited (0 when none).',
    registers: [this.registry],
  });
  private readonly jobLag = new Gauge({
    name: 'enlace_job_lag_seconds',
    help: "How long each scheduled job's oldest slot not yet done has been due (0 when up to date).",
    labelNames: ['job'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly health: HealthRepository,
    private readonly outbox: EmailOutboxService,
    private readonly jobs: JobLagService,
    private readonly live: LiveGateway,
  ) {
    const pool = () => this.health.pool();
    this.gauge('enlace_live_sockets', 'Live (Socket.IO) sockets connected to this process.', () =>
      this.live.connectedSockets(),
    );
    this.gauge('enlace_db_pool_connections', 'Database connections this process holds open.', () => pool().total);
    this.gauge('enlace_db_pool_idle_connections', 'Open database connections not in use.', () => pool().idle);
    this.gauge('enlace_db_pool_waiting', 'Queries waiting for a database connection.', () => pool().waiting);
    this.gauge('enlace_db_pool_max_connections', 'The most database connections this process opens.', () => pool().max);
  }

  /** Starts Node's process metrics (event-loop delay and GC are observed from now on). */
  start(): void {
    processMetrics();
  }

  /** Counts an answered request (Fastify's `onResponse`). */
  observeHttp(request: FastifyRequest, reply: FastifyReply): void {
    const seconds = reply.elapsedTime / 1000;
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? 'unmatched';
    this.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    this.httpDuration.observe({ method, route }, seconds);
    if (route !== GRAPHQL_PATH) return;
    const operation = operationOf(request);
    const labels = operation
      ? { operation: this.operations.label(operation.name ?? 'anonymous'), type: operation.type }
      : { operation: 'invalid', type: 'none' };
    const ok = operation?.errors === false && reply.statusCode < 400;
    this.graphqlRequests.inc({ ...labels, outcome: ok ? 'ok' : 'error' });
    this.graphqlDuration.observe(labels, seconds);
  }

  /** The text Prometheus scrapes: what the database says now, this process's counters, Node's metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    await this.refreshFromDatabase();
    const [own, node] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${node}` };
  }

  /** Outbox backlog and job lag, read at each scrape; unknown (NaN, no job series) when the database fails. */
  private async refreshFromDatabase(): Promise<void> {
    try {
      const [backlog, lags] = await Promise.all([this.outbox.backlog(), this.jobs.lag()]);
      this.outboxPending.set(backlog.pending);
      this.outboxOldest.set(backlog.oldestSeconds);
      for (const { job, lagSeconds } of lags) this.jobLag.set({ job }, lagSeconds);
    } catch (error) {
      this.logger.warn(`metrics left out outbox and job figures: ${String(error)}`);
      this.outboxPending.set(Number.NaN);
      this.outboxOldest.set(Number.NaN);
      this.jobLag.reset();
    }
  }

  private gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
