import { Injectable } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { GraphQLSchema, NoSchemaIntrospectionCustomRule, ValidationRule } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, I18nService } from '@enlace/core';
import { ContextFactory } from './context.factory';
import { formatExecution } from './error-formatter';
import { graphqlRouteOptions } from './graphql-http.route';
import { documentSizeHook, preExecutionHook, resolutionHook } from './graphql.hooks';
import { GRAPHQL_LIMITS, GraphqlLimits, maxAliasesRule, maxDepthRule } from './limits';
import { responseTypeOf } from './media-type';
import type { RequestContext } from './request-context';
import { requestLiteralErrors, requestVariableErrors } from './variable-errors';

/** Validation rules added to graphql-js' own: the static limits, and no introspection in production. */
export function validationRules(config: Pick<AppConfig, 'nodeEnv'>, limits: GraphqlLimits = GRAPHQL_LIMITS) {
  const rules: ValidationRule[] = [maxDepthRule(limits.maxDepth), maxAliasesRule(limits.maxAliases)];
  if (config.nodeEnv === 'production') rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

@Injectable()
export class GraphqlOptionsFactory {
  constructor(
    private readonly contexts: ContextFactory,
    private readonly i18n: I18nService,
  ) {}

  create(config: AppConfig, limits: GraphqlLimits = GRAPHQL_LIMITS): MercuriusDriverConfig {
    return {
      driver: MercuriusDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      graphiql: false,
      // Compile each query with graphql-jit from its second run: +40 % throughput on `{ me { id name } }`
      // (bench/graphql-throughput.js); the error and limit paths are unchanged (hooks run before).
      jit: 1,
      allowBatchedQueries: false,
      validationRules: validationRules(config, limits),
      additionalRouteOptions: graphqlRouteOptions(),
      hooks: {
        preParsing: documentSizeHook(limits),
        // The operation each request runs, and whether it failed, only when metrics are served.
        preExecution: preExecutionHook(limits, { noteOperations: config.metrics !== undefined }),
        ...(config.metrics ? { onResolution: resolutionHook() } : {}),
      },
      context: (req: FastifyRequest, reply: FastifyReply) => this.contexts.create(req, reply),
      errorFormatter: (execution, ctx) => {
        const context = ctx as Partial<RequestContext> & { reply?: FastifyReply };
        const request = context.reply?.request;
        const translator = context.translator ?? this.i18n.forAcceptLanguage(request?.headers['accept-language']);
        const schema = (ctx as { app?: { graphql?: { schema?: GraphQLSchema } } }).app?.graphql?.schema;
        const formatted = formatExecution(execution, translator, {
          mediaType: request ? (responseTypeOf(request) ?? undefined) : undefined,
          logger: context.reply?.log as never,
          variableErrors: request && schema ? () => requestVariableErrors(request, schema) : undefined,
          literalErrors: request && schema ? () => requestLiteralErrors(request, schema) : undefined,
        });
        for (const [name, value] of Object.entries(formatted.headers)) context.reply?.header(name, value);
        return formatted;
      },
    };
  }
}
