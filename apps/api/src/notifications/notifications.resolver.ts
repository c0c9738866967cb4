import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotificationPreferenceService, NotificationService } from '@enlace/notifications';
import { Connection, toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { MyNotificationsArgs } from './my-notifications.args';
import { NotificationPreferenceModel, toNotificationPreferenceModel } from './notification-preference.model';
import { NotificationConnection, NotificationModel, toNotificationModel } from './notification.model';
import { SetNotificationPreferenceInput } from './set-notification-preference.input';

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly preferences: NotificationPreferenceService,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  async myNotifications(
    @Args() args: MyNotificationsArgs,
    @Context() ctx: RequestContext,
  ): Promise<Connection<NotificationModel>> {
    return toConnection(await this.notifications.list(ctx.actor, args), (n) => toNotificationModel(n, ctx.translator));
  }

  @Query(() => Int, { description: 'How many of your notifications are not read yet.' })
  unreadNotificationCount(@Context() ctx: RequestContext): Promise<number> {
    return this.notifications.unreadCount(ctx.actor);
  }

  @Mutation(() => NotificationModel, { description: 'Marks one of your notifications read (again is harmless).' })
  async markNotificationRead(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<NotificationModel> {
    return toNotificationModel(await this.notifications.markRead(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns how many were unread.' })
  markAllNotificationsRead(@Context() ctx: RequestContext): Promise<number> {
    return this.notifications.markAllRead(ctx.actor);
  }

  @Query(() => [NotificationPreferenceModel], { description: 'How you hear of each kind of notification.' })
  async myNotificationPreferences(@Context() ctx: RequestContext): Promise<NotificationPreferenceModel[]> {
    return (await this.preferences.list(ctx.actor)).map((p) => toNotificationPreferenceModel(p, ctx.translator));
  }

  @Mutation(() => NotificationPreferenceModel, { description: 'Chooses how you hear of one kind of notification.' })
  async setNotificationPreference(
    @Args('input') input: SetNotificationPreferenceInput,
    @Context() ctx: RequestContext,
  ): Promise<NotificationPreferenceModel> {
    return toNotificationPreferenceModel(
      await this.preferences.set(ctx.actor, input.kind, input.delivery),
      ctx.translator,
    );
  }
}
