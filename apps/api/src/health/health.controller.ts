import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthRepository } from '@enlace/core';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  /** `200 {"status":"ok"}` when the database answers, `503 {"status":"unavailable"}` otherwise. */
  @Get()
  async check(@Res() reply: FastifyReply): Promise<void> {
    const ok = await this.health.databaseAnswers();
    await reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable' });
  }
}
