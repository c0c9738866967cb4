import { Injectable } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { AppConfig, I18nService, projectRoot } from '@enlace/core';
import { ContextFactory } from './context.factory';
import { formatExecution } from './error-formatter';
import type { RequestContext } from './request-context';

export const SCHEMA_FILE = join(projectRoot(), 'schema.gql');

@Injectable()
export class GraphqlOptionsFactory {
  constructor(
    private readonly contexts: ContextFactory,
    private readonly i18n: I18nService,
  ) {}

  create(config: AppConfig): MercuriusDriverConfig {
    const production = config.nodeEnv === 'production';
    return {
      driver: MercuriusDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      graphiql: false,
      jit: 0,
      allowBatchedQueries: false,
      validationRules: production ? [NoSchemaIntrospectionCustomRule] : [],
      context: (req: FastifyRequest, reply: FastifyReply) => this.contexts.create(req, reply),
      errorFormatter: (execution, ctx) => {
        const context = ctx as Partial<RequestContext> & { reply?: FastifyReply };
        const translator =
          context.translator ?? this.i18n.forAcceptLanguage(context.reply?.request.headers['accept-language']);
        return formatExecution(execution, translator, context.reply?.log as never);
      },
    };
  }
}
