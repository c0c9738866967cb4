import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import {
  DomainError,
  domainErrorFromDatabase,
  ErrorCode,
  FieldError,
  I18nParams,
  isDomainError,
  Translator,
} from '@enlace/core';
import { PublicError, toPublicError } from '../errors/public-error';
import { asTransportError, statusForCode, TransportError } from '../http/transport-error';
import { APPLICATION_JSON, type ResponseMediaType } from './media-type';
import { isLiteralError, isVariableError } from './variable-errors';

/** One GraphQL error as clients see it: a localised message and a code, nothing internal. */
export interface GraphqlPublicError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: { code: ErrorCode; fields?: { field: string; message: string }[] };
}

/**
 * Extension our own validation rules put on the errors they raise (depth, aliases, cost, tokens):
 * the translation key and parameters, so the formatter needs no English parsing for them.
 */
export interface I18nExtension {
  i18nKey: string;
  i18nParams?: I18nParams;
}

type Classified = { key: string; params?: I18nParams };

/**
 * graphql-js writes English messages for query problems; callers get them in their own language.
 * Each known shape maps to a key (the names it mentions are data, not text). Suggestions ("Did you
 * mean ...?") are never passed on.
 */
const GRAPHQL_MESSAGES: Array<[RegExp, (m: RegExpExecArray) => Classified]> = [
  [/^Syntax Error: /, () => ({ key: 'graphql:syntax' })],
  [
    /^Cannot query field "([^"]+)" on type "([^"]+)"/,
    (m) => ({ key: 'graphql:unknownField', params: { field: m[1], type: m[2] } }),
  ],
  [
    /^Unknown argument "([^"]+)" on field "([^"]+)"/,
    (m) => ({ key: 'graphql:unknownArgument', params: { argument: m[1], field: m[2] } }),
  ],
  [
    /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required/,
    (m) => ({ key: 'graphql:missingArgument', params: { argument: m[2], field: m[1] } }),
  ],
  [
    /^Variable "\$([^"]+)" of required type "([^"]+)" was not provided/,
    (m) => ({ key: 'graphql:missingVariable', params: { variable: m[1] } }),
  ],
  [
    /^Variable "\$([^"]+)" of non-null type "([^"]+)" must not be null/,
    (m) => ({ key: 'graphql:missingVariable', params: { variable: m[1] } }),
  ],
  [
    /Field "([^"]+)" is not defined by type "([^"]+)"/,
    (m) => ({ key: 'graphql:unknownInputField', params: { field: m[1], type: m[2] } }),
  ],
  [/^Variable "\$([^"]+)" got invalid value/, (m) => ({ key: 'graphql:invalidVariable', params: { variable: m[1] } })],
  [/^(?:Int|Float|String|Boolean|ID) cannot represent/, () => ({ key: 'graphql:wrongType' })],
  [
    /^(?:Enum|Value) "([^"]+)" does not exist in "([^"]+)" enum/,
    (m) => ({ key: 'graphql:unknownEnumValue', params: { value: m[1], type: m[2] } }),
  ],
  [/^Expected value of type "([^"]+)"/, (m) => ({ key: 'graphql:wrongTypeNamed', params: { type: m[1] } })],
  [/^Unknown type "([^"]+)"/, (m) => ({ key: 'graphql:unknownType', params: { type: m[1] } })],
  [/^Unknown operation named "([^"]+)"/, (m) => ({ key: 'graphql:unknownOperation', params: { operation: m[1] } })],
  [/^Must provide operation name/, () => ({ key: 'graphql:operationNameRequired' })],
  [/^Must provide query string/, () => ({ key: 'graphql:queryRequired' })],
  [/^Operation cannot be performed via a GET request/, () => ({ key: 'graphql:mutationOverGet' })],
  [/introspection/i, () => ({ key: 'graphql:introspectionDisabled' })],
];

function classify(message: string): Classified {
  for (const [pattern, build] of GRAPHQL_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return build(m);
  }
  return { key: 'graphql:invalidQuery' };
}

/** A mercurius error that carries a list (`MER_ERR_GQL_VALIDATION`, `MER_ERR_METHOD_NOT_ALLOWED`). */
interface Wrapper {
  readonly code?: string;
  readonly statusCode?: number;
  readonly errors?: unknown;
}

interface Unwrapped {
  error: GraphQLError;
  wrapper?: Wrapper;
}

/** Errors mercurius wraps around a list (query validation, GET mutation) are flattened first. */
function unwrap(errors: readonly GraphQLError[]): Unwrapped[] {
  return errors.flatMap((error) => {
    const wrapper = error.originalError as Wrapper | undefined;
    if (!Array.isArray(wrapper?.errors)) return [{ error }];
    return (wrapper.errors as unknown[]).map((e) => ({
      wrapper,
      error:
        e instanceof GraphQLError
          ? e
          : new GraphQLError(String((e as Error)?.message ?? e), { originalError: e instanceof Error ? e : undefined }),
    }));
  });
}

/** A formatted error and, for request-level problems, the HTTP status it calls for. */
export interface FormattedError {
  readonly error: GraphqlPublicError;
  /** Set for problems with the HTTP request itself (status fixed whatever the media type). */
  readonly transport?: TransportError;
  readonly internal: boolean;
}

export function formatError(error: GraphQLError, t: Translator, logger?: Logger, wrapper?: Wrapper): FormattedError {
  const base = { locations: error.locations, path: error.path };
  const original = error.originalError;
  const log = { logger, where: 'GraphQL request', details: { path: error.path } };

  if (isDomainError(original) || domainErrorFromDatabase(original)) {
    return { error: toGraphqlError(toPublicError(original, t, log), base), internal: false };
  }

  const transport =
    asTransportError(original) ??
    (wrapper?.code === 'MER_ERR_METHOD_NOT_ALLOWED'
      ? new TransportError(405, 'graphql:mutationOverGet', {}, { allow: 'POST' })
      : undefined);
  if (transport) return { error: toGraphqlError(toPublicError(transport, t)), transport, internal: false };

  const ext = error.extensions as Partial<I18nExtension> | undefined;
  if (ext?.i18nKey) {
    const message = t.t(ext.i18nKey, ext.i18nParams);
    return { error: { ...base, message, extensions: { code: 'BAD_USER_INPUT' } }, internal: false };
  }

  // No original error, or graphql-js' own: a problem with the query or its variables.
  if (!original || original instanceof GraphQLError) {
    const { key, params } = classify(error.message);
    return { error: { ...base, message: t.t(key, params), extensions: { code: 'BAD_USER_INPUT' } }, internal: false };
  }

  // A non-GraphQL error inside a mercurius request error (e.g. unparsable GET variables).
  if (typeof wrapper?.statusCode === 'number' && wrapper.statusCode >= 400 && wrapper.statusCode < 500) {
    const { key, params } = classify(original.message);
    const transportError = new TransportError(wrapper.statusCode, key, params);
    return {
      error: { ...base, message: t.t(key, params), extensions: { code: 'BAD_USER_INPUT' } },
      transport: transportError,
      internal: false,
    };
  }

  return { error: toGraphqlError(toPublicError(original, t, log), base), internal: true };
}

/** The GraphQL shape of a public error: `fields` in `extensions` for BAD_USER_INPUT domain errors. */
function toGraphqlError(
  error: PublicError,
  base: Pick<GraphqlPublicError, 'locations' | 'path'> = {},
): GraphqlPublicError {
  return {
    ...base,
    message: error.message,
    extensions: error.fieldErrors
      ? { code: error.code, fields: error.fieldErrors.map((f) => ({ field: f.field, message: f.message })) }
      : { code: error.code },
  };
}

/**
 * graphql-js and graphql-jit refuse a request's variables with one English sentence per bad value,
 * naming no field, and graphql-js' validation does the same for values written inline in the
 * document. Those (`isRefusal`) become one BAD_USER_INPUT, in the place of the first, that lists every
 * bad field exactly as a validation error of the same input would (`DomainError.badInput`). Null when
 * there are none (or they cannot be worked out again): the errors are formatted one by one.
 */
function mergeRefusedValues(
  errors: readonly Unwrapped[],
  t: Translator,
  isRefusal: (error: GraphQLError) => boolean,
  fieldErrors: (() => readonly FieldError[]) | undefined,
): FormattedError[] | null {
  const refused = errors.map(({ error }) => isRefusal(error));
  const first = refused.indexOf(true);
  if (first < 0 || !fieldErrors) return null;
  const fields = fieldErrors();
  if (fields.length === 0) return null;
  const merged: FormattedError = {
    error: toGraphqlError(toPublicError(DomainError.badInput([...fields]), t), {
      locations: errors[first].error.locations,
    }),
    internal: false,
  };
  return errors.flatMap(({ error, wrapper }, i) =>
    i === first ? [merged] : refused[i] ? [] : [formatError(error, t, undefined, wrapper)],
  );
}

export interface FormattedExecution {
  statusCode: number;
  response: ExecutionResult;
  headers: Record<string, string>;
}

/**
 * Mercurius' `errorFormatter`: the only place GraphQL errors become responses. Every message is
 * replaced by a translated one, and the status follows GraphQL over HTTP:
 * - execution started (the result has `data`, possibly null): 200, with `data`;
 * - a problem with the HTTP request (body, media type, parameters, GET mutation): its 4xx;
 * - a request error (syntax, validation, limits, variables, invalid token) stops before execution
 *   and has no `data`: 200 for `application/json`, the error's 4xx for
 *   `application/graphql-response+json`;
 * - an unexpected failure before execution: 500, logged.
 */
export function formatExecution(
  execution: ExecutionResult,
  t: Translator,
  options: {
    mediaType?: ResponseMediaType;
    logger?: Logger;
    /** The request's bad variable fields, worked out again when graphql refused its variables. */
    variableErrors?: () => readonly FieldError[];
    /** The bad values written inline in the request's document, worked out again when validation refused them. */
    literalErrors?: () => readonly FieldError[];
  } = {},
): FormattedExecution {
  const unwrapped = unwrap(execution.errors ?? []);
  const formatted =
    mergeRefusedValues(unwrapped, t, isVariableError, options.variableErrors) ??
    mergeRefusedValues(unwrapped, t, isLiteralError, options.literalErrors) ??
    unwrapped.map(({ error, wrapper }) => formatError(error, t, options.logger, wrapper));
  const errors = formatted.map((f) => f.error) as unknown as GraphQLError[];
  if ('data' in execution) {
    return { statusCode: 200, response: { data: execution.data ?? null, errors }, headers: {} };
  }
  const transport = formatted.find((f) => f.transport)?.transport;
  let statusCode: number;
  if (transport) statusCode = transport.statusCode;
  else if (formatted.some((f) => f.internal)) statusCode = 500;
  else if ((options.mediaType ?? APPLICATION_JSON) === APPLICATION_JSON) statusCode = 200;
  else statusCode = statusForCode(formatted[0]?.error.extensions.code ?? 'BAD_USER_INPUT');
  return { statusCode, response: { errors }, headers: { ...transport?.headers } };
}
