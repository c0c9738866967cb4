import type { Type } from '@nestjs/common';
import { CalendarApiModule } from './calendar/calendar-api.module';
import { ActionPlansApiModule } from './action-plans/action-plans-api.module';
import { ChannelsApiModule } from './channels/channels-api.module';
import { DirectoryApiModule } from './directory/directory-api.module';
import { HealthApiModule } from './health/health-api.module';
import { IdentityApiModule } from './identity/identity-api.module';
import { MeetingsApiModule } from './meetings/meetings-api.module';
import { MetricsApiModule } from './metrics/metrics-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { PersonalDataApiModule } from './personal-data/personal-data-api.module';
import { TrainingApiModule } from './training/training-api.module';

/**
 * The doors of each context: one api module per context registers its resolvers, controllers and
 * live-event handlers. `AppModule` imports them; `schema.gql` is printed from their resolvers. A new
 * context adds its module here, and nothing else in this folder.
 */
export const API_MODULES: readonly Type[] = [
  HealthApiModule,
  IdentityApiModule,
  DirectoryApiModule,
  ChannelsApiModule,
  MeetingsApiModule,
  TrainingApiModule,
  CalendarApiModule,
  ActionPlansApiModule,
  NotificationsApiModule,
  PersonalDataApiModule,
  MetricsApiModule,
];
