import type { FastifyReply } from 'fastify';
import { DocumentNode, GraphQLSchema } from 'graphql';
import { DomainError } from '@enlace/core';
import { operationNameOf } from './graphql-http.route';
import { assertAcceptableText } from './input-text';
import { assertDocumentSize, CostCheck, GraphqlLimits } from './limits';
import { noteOperation, noteResolution } from './request-operation';

/** The part of the GraphQL context these hooks read. */
interface HookContext {
  readonly invalidToken?: boolean;
  readonly failure?: unknown;
  readonly reply?: FastifyReply;
}

/** Before parsing: the document's length and token count (parsing itself is the cost to avoid). */
export function documentSizeHook(limits: GraphqlLimits) {
  return (_schema: GraphQLSchema, source: string): void => assertDocumentSize(source, limits);
}

/**
 * Before execution (with `noteOperations`, the request's operation is noted first, for the metrics):
 * - a request whose context could not be built (the database did not answer) fails as a whole;
 * - a request whose bearer token is malformed, expired or revoked fails as a whole with
 *   UNAUTHENTICATED, never runs as anonymous (a client must learn that its session is gone);
 * - strings with NUL or invalid Unicode (PostgreSQL cannot store them; they are never data);
 * - the cost limit, measured with the request's variables on the operation that runs (once per
 *   document, operation and page size: `CostCheck`; Mercurius has validated the document already,
 *   so nothing here validates it again).
 * Throwing here stops the request before any resolver runs: the response has no `data`.
 */
export function preExecutionHook(limits: GraphqlLimits, options: { noteOperations?: boolean } = {}) {
  const costs = new CostCheck(limits);
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    context: HookContext,
    variables: Record<string, unknown> | null | undefined,
  ): void => {
    const request = context.reply?.request;
    const operationName = request ? operationNameOf(request) : undefined;
    if (options.noteOperations) noteOperation(request, document, operationName);
    if (context.failure !== undefined) throw context.failure;
    if (context.invalidToken) throw new DomainError('UNAUTHENTICATED', 'invalidToken');
    assertAcceptableText(document, variables);
    const error = costs.check(schema, document, { variables, operationName });
    if (error) throw error;
  };
}

/** After execution: whether the result carried errors (for the metrics). */
export function resolutionHook() {
  return (execution: { readonly errors?: readonly unknown[] }, context: HookContext): void => {
    noteResolution(context.reply?.request, (execution.errors?.length ?? 0) > 0);
  };
}
