import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AppConfig, CoreModule } from '@enlace/core';
import { JobsModule } from '@enlace/jobs';
import { MIGRATIONS } from '@enlace/migrations';
import { API_MODULES } from './api-modules';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { createValidationPipe } from './graphql/validation.pipe';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, migrations: MIGRATIONS }),
        GraphqlApiModule.forRoot(config),
        ...API_MODULES,
        // Embedded mode is one process: the api hosts the scheduled jobs the worker runs elsewhere.
        ...(config.databaseUrl ? [] : [JobsModule]),
      ],
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
    };
  }
}
