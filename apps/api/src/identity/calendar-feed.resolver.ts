import { Context, Int, Mutation, Resolver } from '@nestjs/graphql';
import { CalendarFeedService } from '@enlace/identity';
import type { RequestContext } from '../graphql/request-context';
import { CalendarFeedModel } from './calendar-feed.model';

@Resolver()
export class CalendarFeedResolver {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Mutation(() => CalendarFeedModel, {
    description: 'A new private calendar feed link for my meetings (the previous link stops working).',
  })
  createCalendarFeed(@Context() ctx: RequestContext) {
    return this.feeds.create(ctx.actor);
  }

  @Mutation(() => Int, { description: 'Revokes my calendar feed link; answers how many were live (0 or 1).' })
  revokeCalendarFeed(@Context() ctx: RequestContext) {
    return this.feeds.revoke(ctx.actor);
  }
}
