import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { AppConfig } from '@enlace/core';
import { AuthModule } from '../auth/auth.module';
import { ContextFactory } from './context.factory';
import { GraphqlOptionsFactory } from './graphql.options';

@Module({
  imports: [AuthModule],
  providers: [ContextFactory, GraphqlOptionsFactory],
  exports: [ContextFactory, GraphqlOptionsFactory],
})
class GraphqlSupportModule {}

/** GraphQL over Fastify with Mercurius, configured for the request's language and caller. */
@Module({})
export class GraphqlApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GraphqlApiModule,
      imports: [
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [GraphqlSupportModule],
          inject: [GraphqlOptionsFactory],
          useFactory: (options: GraphqlOptionsFactory) => options.create(config),
        }),
      ],
    };
  }
}
