import { HttpException } from '@nestjs/common';
import type { ErrorCode, I18nParams } from '@enlace/core';

/** Largest accepted request body: GraphQL documents and variables, not file uploads. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** The error code clients see for an HTTP status (SPEC §5 codes only). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}

/** The HTTP status for a domain error code, where the transport uses one. */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'BAD_USER_INPUT':
      return 400;
    default:
      return 500;
  }
}

/**
 * A problem with the HTTP request itself (body, media type, method, parameters), found before any
 * GraphQL work: a status, a translation key and, for some, response headers (`Allow`).
 */
export class TransportError extends Error {
  constructor(
    readonly statusCode: number,
    readonly key: string,
    readonly params: I18nParams = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(key);
    this.name = 'TransportError';
  }

  get errorCode(): ErrorCode {
    return codeForStatus(this.statusCode);
  }
}

/** Fastify's own request errors (content-type parsing, body size), by their stable codes. */
const FASTIFY_ERRORS: Record<string, () => TransportError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new TransportError(413, 'errors:bodyTooLarge', { max: BODY_LIMIT_BYTES }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new TransportError(415, 'errors:unsupportedMediaType'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new TransportError(400, 'errors:invalidContentLength'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new TransportError(400, 'errors:emptyBody'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new TransportError(400, 'errors:malformedJson'),
  FST_ERR_NOT_FOUND: () => new TransportError(404, 'errors:notFoundRoute'),
};

function genericFor(status: number): TransportError {
  if (status === 404) return new TransportError(404, 'errors:notFoundRoute');
  if (status === 405) return new TransportError(405, 'errors:methodNotAllowed');
  if (status === 413) return FASTIFY_ERRORS.FST_ERR_CTP_BODY_TOO_LARGE();
  if (status === 415) return FASTIFY_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE();
  return new TransportError(status, 'errors:badRequest');
}

/**
 * Recognises an error about the request rather than the application: ours, Fastify's (`FST_…`
 * codes), mercurius' (`MER_ERR_…`), or Nest's `HttpException` for a client error (which wraps
 * Fastify's errors on non-GraphQL routes). `undefined` for anything else: those are server faults.
 */
export function asTransportError(error: unknown): TransportError | undefined {
  if (error instanceof TransportError) return error;
  if (error instanceof HttpException) {
    const cause = asTransportError(error.cause);
    if (cause) return cause;
    const status = error.getStatus();
    return status >= 400 && status < 500 ? genericFor(status) : undefined;
  }
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !/^(FST|MER)_ERR_/.test(code)) return undefined;
  const known = FASTIFY_ERRORS[code];
  if (known) return known();
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return genericFor(statusCode);
  return undefined;
}
