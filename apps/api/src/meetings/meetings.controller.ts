import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MeetingService } from '@enlace/meetings';
import { ActorResolver } from '../auth/actor-resolver';

const ICS = 'text/calendar; charset=utf-8';

/**
 * Calendars (SPEC §4.3): `GET /meetings/:id.ics` with the bearer token, one meeting as the caller may
 * read it; `GET /calendar/:token.ics`, a person's private feed, fetched by calendar programs with the
 * link's own token (`createCalendarFeed`). Errors are the HTTP routes' `{ error: { code, message } }`.
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

  @Get('calendar/:token.ics')
  async feed(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string): Promise<void> {
    const actor = await this.actors.forCalendarFeed(token, String(req.id));
    const body = await this.meetings.calendarFeed(actor);
    await reply
      .status(200)
      .header('content-type', ICS)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}
