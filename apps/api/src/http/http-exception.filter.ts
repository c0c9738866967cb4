import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { I18nService, isPdfBusyError } from '@enlace/core';
import { toPublicError } from '../errors/public-error';
import { asTransportError, statusForCode } from './transport-error';

/** Paths answered in GraphQL response shape, whatever went wrong. */
export const GRAPHQL_PATH = '/graphql';

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * The error answer of every HTTP route that is not handled by the GraphQL error formatter: unknown
 * routes (404), Fastify's request errors (bad JSON, media type, body size), domain errors (503 with
 * Retry-After when too many PDFs wait for a worker) and unexpected exceptions of controllers.
 * Messages are translated for `Accept-Language`; unexpected exceptions are logged and answered with
 * the generic message only.
 *
 * Body: `{ error: { code, message, fields? } }` (`fields`: `[{ field, message }]` for input errors),
 * or on `/graphql` (e.g. an unsupported method) the GraphQL shape `{ errors: [{ message, extensions: { code } }] }`. GraphQL resolvers' exceptions are passed
 * on untouched to the GraphQL error formatter.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly i18n: I18nService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendHttpError(this.i18n, exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

/**
 * The answer itself, also Fastify's error handler for the Nest routes' own request errors (a body
 * over the route's limit, an unsupported media type...), which Fastify raises before Nest's
 * exception layer is in reach (`routeErrorHandlers`, framework-errors.ts).
 */
export function sendHttpError(
  i18n: I18nService,
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const t = i18n.forAcceptLanguage(request.headers['accept-language']);
  const onGraphql = pathOf(request.url) === GRAPHQL_PATH;

  const transport = asTransportError(exception);
  let status: number;
  let code;
  let message: string;
  let fields: { field: string; message: string }[] | undefined;
  let headers: Record<string, string>;
  if (transport && onGraphql && transport.statusCode === 404) {
    // The path exists; the method does not (GraphQL over HTTP allows GET and POST).
    status = 405;
    code = 'BAD_USER_INPUT' as const;
    message = t.t('errors:methodNotAllowed');
    headers = { allow: 'GET, POST' };
  } else {
    const error = toPublicError(exception, t, { logger: request.log, where: 'HTTP request' });
    ({ code, message } = error);
    // Input errors name each field, as GraphQL's `extensions.fields` do; with one field, its message
    // is the answer's message (a client showing `error.message` reads what is wrong, not a count).
    if (error.fieldErrors && error.fieldErrors.length > 0) {
      fields = error.fieldErrors.map((f) => ({ field: f.field, message: f.message }));
      if (fields.length === 1) message = fields[0].message;
    }
    status = transport ? transport.statusCode : statusForCode(error.code);
    headers = transport ? { ...transport.headers } : {};
    if (isPdfBusyError(exception)) {
      // Too many PDFs waiting for a worker (decision 0027): not the caller's fault, and soon over.
      status = 503;
      headers = { 'retry-after': String(exception.retryAfterSeconds) };
    }
  }

  if (reply.sent) return;
  const body = onGraphql
    ? { errors: [{ message, extensions: fields ? { code, fields } : { code } }] }
    : { error: fields ? { code, message, fields } : { code, message } };
  void reply
    .status(status)
    .headers({ ...headers, 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' })
    .send(body);
}
