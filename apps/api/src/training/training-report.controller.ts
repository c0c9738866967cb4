import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@enlace/core';
import { TrainingReportService } from '@enlace/training';
import { ActorResolver } from '../auth/actor-resolver';

type ReportQuery = Record<string, string | undefined>;

/** A year query parameter: absent, or digits; anything else is refused, never ignored. */
function yearParam(query: ReportQuery, name: string): number | null {
  const value = query[name];
  if (value === undefined || value === '') return null;
  if (!/^\d{1,4}$/.test(value))
    throw DomainError.badInput([
      { field: name, key: 'training-reports:invalidYear', params: { min: 1900, max: 2200 } },
    ]);
  return Number(value);
}

/**
 * `GET /training/report.csv?view=country|network|organisation|year|cycle|alumni|untrained&networkId=…
 * &curriculumId=…&fromYear=…&toYear=…` with the bearer token: one view of the alumni report as CSV in
 * the request's language, counting only what the caller may see (TrainingReportService).
 */
@Controller('training')
export class TrainingReportController {
  constructor(
    private readonly reports: TrainingReportService,
    private readonly actors: ActorResolver,
  ) {}

  @Get('report.csv')
  async report(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: ReportQuery): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    const file = await this.reports.csv(actor, query.view, {
      networkId: query.networkId,
      curriculumId: query.curriculumId,
      fromYear: yearParam(query, 'fromYear'),
      toYear: yearParam(query, 'toYear'),
    });
    await reply
      .status(200)
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}
