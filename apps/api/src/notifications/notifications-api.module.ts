import { Module } from '@nestjs/common';
import { NotificationsModule } from '@enlace/notifications';
import { LiveModule } from '../live/live.module';
import { NotificationsResolver } from './notifications.resolver';

/**
 * Notifications' doors: the list, unread count and preferences over GraphQL. New notifications reach
 * open sockets as `notification:new` through the LiveBus, relayed by the live door.
 */
@Module({
  imports: [NotificationsModule, LiveModule],
  providers: [NotificationsResolver],
})
export class NotificationsApiModule {}
