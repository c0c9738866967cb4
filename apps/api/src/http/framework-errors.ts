import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { I18nService } from '@enlace/core';
import { toPublicError } from '../errors/public-error';
import { GRAPHQL_PATH, sendHttpError } from './http-exception.filter';
import { TransportError } from './transport-error';

type I18nSource = () => I18nService | undefined;

/** The translator for a request, English when the app is not built yet. */
function translator(i18n: I18nSource, acceptLanguage?: string | string[]) {
  return (i18n() ?? new I18nService()).forAcceptLanguage(acceptLanguage);
}

/**
 * Fastify's answers to requests it cannot route (a URL that does not decode) and to connections
 * whose HTTP cannot be parsed, in our shape `{ error: { code, message } }` with a translated
 * message, instead of Fastify's English defaults.
 */
export function frameworkErrorOptions(i18n: I18nSource) {
  return {
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
      const problem =
        error.code === 'FST_ERR_BAD_URL'
          ? new TransportError(400, 'errors:badUrl')
          : new TransportError(
              error.statusCode && error.statusCode < 500 ? error.statusCode : 400,
              'errors:badRequest',
            );
      const { code, message } = toPublicError(problem, translator(i18n, request.headers['accept-language']));
      void reply
        .code(problem.statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: { code, message } });
    },

    clientErrorHandler: (error: Error & { code?: string }, socket: Socket): void => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, reason, key] =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ([408, 'Request Timeout', 'errors:requestTimeout'] as const)
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? ([431, 'Request Header Fields Too Large', 'errors:headersTooLarge'] as const)
            : ([400, 'Bad Request', 'errors:badRequest'] as const);
      if (socket.writable) {
        // No request to read a language from: English.
        const { code, message } = toPublicError(new TransportError(status, key), translator(i18n));
        const body = JSON.stringify({ error: { code, message } });
        socket.write(
          `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}

/**
 * Fastify gives each route the error handler of its scope when the route is registered, before Nest
 * installs its exception layer: so what Fastify itself refuses on a Nest route before the handler runs
 * (a body over the route's limit, a media type without parser, JSON that does not parse) would get
 * Fastify's own `{ statusCode, code, error, message }`. Every route but GraphQL's (mercurius answers
 * those in GraphQL shape) gets the routes' answer instead, through the one error translation.
 */
export function registerRouteErrorHandler(instance: FastifyInstance, i18n: I18nSource): void {
  instance.addHook('onRoute', (route) => {
    if (route.url === GRAPHQL_PATH || route.errorHandler) return;
    route.errorHandler = (error, request, reply) => sendHttpError(i18n() ?? new I18nService(), error, request, reply);
  });
}
