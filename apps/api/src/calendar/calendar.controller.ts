import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActorResolver } from '../auth/actor-resolver';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * `GET /calendar/:token.ics`: a person's private feed of meetings and trainings, fetched by calendar
 * programs with the link's own token (`createCalendarFeed`), in the person's language. Errors are the
 * HTTP routes' `{ error: { code, message } }`.
 */
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly actors: ActorResolver,
  ) {}

  @Get('calendar/:token.ics')
  async feed(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string): Promise<void> {
    const actor = await this.actors.forCalendarFeed(token, String(req.id));
    const body = await this.feeds.feed(actor);
    await reply
      .status(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}
