import type { Logger as NestLogger } from '@nestjs/common';
import { domainErrorFromDatabase, ErrorCode, isDomainError, Translator } from '@enlace/core';
import { asTransportError } from '../http/transport-error';

/** One input field's problem as clients read it. */
export interface PublicFieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An error as every door shows it (GraphQL `extensions`, HTTP `{ error }`, socket acks): a code of
 * SPEC §5 and a message in the caller's language; field errors for BAD_USER_INPUT domain errors.
 * Never a stack, SQL or an internal name.
 */
export interface PublicError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Set (possibly empty) for a domain error with code BAD_USER_INPUT. */
  readonly fieldErrors?: readonly PublicFieldError[];
  /** True for a server fault (answered with the generic message, and logged). */
  readonly internal: boolean;
}

/** The part of a logger the translation needs (pino's signature: details first, then the message). */
export interface ErrorLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Where an error happened, for the one log line an unexpected error gets. */
export interface ErrorLogContext {
  readonly logger?: ErrorLogger;
  /** `GraphQL request`, `HTTP request`, `live event`: the log says `unexpected error in <where>`. */
  readonly where: string;
  /** Extra fields of the log line (the GraphQL path, the live event's name). */
  readonly details?: Record<string, unknown>;
}

/**
 * The one translation from what a service, the database or the framework threw to what a client
 * sees, used by every transport:
 * - a `DomainError`: its code and translated key (and field errors for BAD_USER_INPUT);
 * - a database refusal that is the caller's doing (`domainErrorFromDatabase`): that domain error,
 *   logged as a warning;
 * - a problem with the HTTP request itself (`TransportError`, Fastify's and mercurius' coded errors);
 * - anything else: INTERNAL_SERVER_ERROR with the generic message, logged once with the error.
 * Statuses and response envelopes stay each transport's own.
 */
export function toPublicError(error: unknown, t: Translator, log?: ErrorLogContext): PublicError {
  const domain = isDomainError(error) ? error : domainErrorFromDatabase(error);
  if (domain) {
    if (domain !== error) {
      log?.logger?.warn({ sqlState: (error as { code?: string }).code, ...log.details }, 'database refused a value');
    }
    const message = t.t(domain.key, domain.params);
    if (domain.code !== 'BAD_USER_INPUT') return { code: domain.code, message, internal: false };
    const fieldErrors = domain.fieldErrors.map((f) => ({ field: f.field, message: t.t(f.key, f.params ?? {}) }));
    return { code: domain.code, message, fieldErrors, internal: false };
  }
  const transport = asTransportError(error);
  if (transport) return { code: transport.errorCode, message: t.t(transport.key, transport.params), internal: false };
  log?.logger?.error({ err: error, ...log.details }, `unexpected error in ${log.where}`);
  return { code: 'INTERNAL_SERVER_ERROR', message: t.t('internal'), internal: true };
}

/** A Nest logger seen as an `ErrorLogger` (the gateway's), the error's stack as the trace. */
export function nestErrorLogger(logger: NestLogger): ErrorLogger {
  const line = (message: string, details: Record<string, unknown>) => {
    const { err, ...rest } = details;
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return { text: `${message}${extra}`, trace: err instanceof Error ? err.stack : err ? String(err) : undefined };
  };
  return {
    warn: (details, message) => logger.warn(line(message, details).text),
    error: (details, message) => {
      const { text, trace } = line(message, details);
      logger.error(text, trace);
    },
  };
}
