import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { TransportError } from '../http/transport-error';
import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, responseTypeOf } from './media-type';

/** The parameters of a GraphQL-over-HTTP request, once checked. */
export interface GraphqlParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const invalidParameter = (parameter: string) => new TransportError(400, 'graphql:invalidParameter', { parameter });

/** `application/json`, with no charset or UTF-8 (the only encoding GraphQL over HTTP allows). */
function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== APPLICATION_JSON) return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

/** Reads the map parameters of a GET request (JSON in the query string). */
function jsonParameter(name: string, value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParameter(name);
  try {
    return JSON.parse(value);
  } catch {
    throw invalidParameter(name);
  }
}

/**
 * Checks a request's GraphQL parameters (GraphQL over HTTP §Request Parameters) before mercurius sees
 * them, so that every malformed request gets a 4xx with a translated message: a batch (array), a
 * missing or non-string `query`, a non-string `operationName`, non-map `variables` or `extensions`.
 * `null` is accepted wherever the parameter is optional.
 */
export function checkGraphqlParams(request: FastifyRequest): GraphqlParams {
  let params: Record<string, unknown>;
  if (request.method === 'GET') {
    const query = (request.query ?? {}) as Record<string, unknown>;
    params = {
      ...query,
      variables: jsonParameter('variables', query.variables),
      extensions: jsonParameter('extensions', query.extensions),
    };
  } else {
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new TransportError(415, 'errors:unsupportedMediaType');
    }
    const body: unknown = request.body;
    if (Array.isArray(body)) throw new TransportError(400, 'graphql:batchingDisabled');
    if (!isPlainObject(body)) throw new TransportError(400, 'graphql:invalidBody');
    params = body;
  }
  const { query, operationName, variables, extensions } = params;
  if (query === undefined || query === null || (typeof query === 'string' && query.trim() === '')) {
    throw new TransportError(400, 'graphql:queryRequired');
  }
  if (typeof query !== 'string') throw invalidParameter('query');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw invalidParameter('operationName');
  }
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) throw invalidParameter('variables');
  if (extensions !== undefined && extensions !== null && !isPlainObject(extensions)) {
    throw invalidParameter('extensions');
  }
  return {
    query,
    operationName: operationName as string | null | undefined,
    variables: variables as Record<string, unknown> | null | undefined,
    extensions: extensions as Record<string, unknown> | null | undefined,
  };
}

/** The operation name of a checked request (for limits that measure only the operation that runs). */
export function operationNameOf(request: FastifyRequest): string | undefined {
  const params = (request.method === 'GET' ? request.query : request.body) as { operationName?: unknown } | undefined;
  return typeof params?.operationName === 'string' ? params.operationName : undefined;
}

/**
 * Route options mercurius adds to its `GET` and `POST /graphql` routes:
 * - `preValidation`: content negotiation (406), media type (415) and parameters (400), before any
 *   context is built; `null` extensions are dropped (mercurius' own schema refuses them);
 * - `onSend`: the negotiated content type, `Vary: Accept` and `Cache-Control: no-store` (answers
 *   depend on the caller's token and language);
 * - `schema: {}` replaces mercurius' route schemas: parameters are checked above, with our messages,
 *   and its response schema would turn list indices in `errors[].path` into strings.
 */
export function graphqlRouteOptions(): RouteShorthandOptions {
  return {
    schema: {},
    preValidation: async (request: FastifyRequest) => {
      if (responseTypeOf(request) === null) {
        throw new TransportError(406, 'errors:notAcceptable', {
          types: `${GRAPHQL_RESPONSE_JSON}, ${APPLICATION_JSON}`,
        });
      }
      const params = checkGraphqlParams(request);
      if (request.method !== 'GET' && params.extensions === null) {
        delete (request.body as Record<string, unknown>).extensions;
      }
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const type = responseTypeOf(request) ?? APPLICATION_JSON;
      reply.header('content-type', `${type}; charset=utf-8`);
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, Accept` : 'Accept');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    },
  };
}
