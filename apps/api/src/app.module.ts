import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ChannelsModule } from '@enlace/channels';
import { AppConfig, CoreModule } from '@enlace/core';
import { DirectoryModule } from '@enlace/directory';
import { IdentityModule } from '@enlace/identity';
import { JobsModule } from '@enlace/jobs';
import { MIGRATIONS } from '@enlace/migrations';
import { NotificationsModule } from '@enlace/notifications';
import { ChannelsGateway } from './channels/channels.gateway';
import { DirectoryController } from './directory/directory.controller';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { createValidationPipe } from './graphql/validation.pipe';
import { HealthController } from './health/health.controller';
import { NotificationPushBridge } from './notifications/notification-push.bridge';
import { RESOLVERS } from './resolvers';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, migrations: MIGRATIONS }),
        IdentityModule,
        DirectoryModule,
        ChannelsModule,
        NotificationsModule,
        GraphqlApiModule.forRoot(config),
        // Embedded mode is one process: the api hosts the scheduled jobs the worker runs elsewhere.
        ...(config.databaseUrl ? [] : [JobsModule]),
      ],
      controllers: [HealthController, DirectoryController],
      providers: [
        ...RESOLVERS,
        ChannelsGateway,
        NotificationPushBridge,
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
