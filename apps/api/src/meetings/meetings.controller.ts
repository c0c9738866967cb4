import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MeetingService } from '@enlace/meetings';
import { ActorResolver } from '../auth/actor-resolver';

const ICS = 'text/calendar; charset=utf-8';

/**
 * Calendars (SPEC §4.3): `GET /meetings/:id.ics` with the bearer token, one meeting as the caller may
 * read it (a person's feed, `GET /calendar/:token.ics`, is composed in apps/api/src/calendar). Errors
 * are the HTTP routes' `{ error: { code, message } }`.
 */
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly actors: ActorResolver,
  ) {}

  @Get('meetings/:id.ics')
  async meetingFile(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const actor = await this.actors.requireHttp(req);
    const file = await this.meetings.calendarFile(actor, id);
    await reply
      .status(200)
      .header('content-type', ICS)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}
