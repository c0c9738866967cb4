import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthRepository } from '@enlace/core';
import { LiveRedis } from '../live/live-redis';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthRepository,
    private readonly redis: LiveRedis,
  ) {}

  /**
   * `200 {"status":"ok"}` when the database answers, `503 {"status":"unavailable"}` otherwise. With
   * `REDIS_URL`, `redis` says whether Redis answers (`ok`) or not (`degraded`: live events reach
   * only each process's own sockets), which never fails the check: everything else still works.
   */
  @Get()
  async check(@Res() reply: FastifyReply): Promise<void> {
    const ok = await this.health.databaseAnswers();
    const redis = this.redis.state();
    await reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', ...(redis ? { redis } : {}) });
  }
}
