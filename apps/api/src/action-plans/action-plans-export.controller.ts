import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExportFile, PlanExportService } from '@enlace/action-plans';
import { ActorResolver } from '../auth/actor-resolver';

type ExportQuery = Record<string, string | undefined>;

/**
 * Action plans as files, with the bearer token, in the request's language (issue 13 item 11):
 * `GET /action-plans/dashboard.csv?networkId=…&asOf=…&status=…&periodFrom=…&periodTo=…`,
 * `GET /action-plans/:id.csv` (one row per action with its indicators) and
 * `GET /action-plans/:id.pdf?asOf=…` (the plan's report). A plan the caller may not read is 404
 * exactly like a missing one; the dashboard counts only what the caller may read.
 */
@Controller('action-plans')
export class ActionPlansExportController {
  constructor(
    private readonly exports: PlanExportService,
    private readonly actors: ActorResolver,
  ) {}

  @Get('dashboard.csv')
  async dashboard(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: ExportQuery): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    await send(
      reply,
      await this.exports.dashboardCsv(actor, {
        networkId: query.networkId ?? '',
        asOf: query.asOf,
        status: query.status,
        periodFrom: query.periodFrom,
        periodTo: query.periodTo,
      }),
    );
  }

  @Get(':id.csv')
  async csv(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    await send(reply, await this.exports.planCsv(actor, id));
  }

  @Get(':id.pdf')
  async pdf(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: ExportQuery,
  ): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    await send(reply, await this.exports.planPdf(actor, id, query.asOf));
  }
}

async function send(reply: FastifyReply, file: ExportFile): Promise<void> {
  await reply
    .status(200)
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}
