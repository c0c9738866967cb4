import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ErrorCode, I18nParams, isDomainError, Translator } from '@enlace/core';

/** One error as clients see it: a localised message and a code, nothing internal. */
export interface PublicError {
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

/** Errors mercurius wraps around a list (query validation) are flattened first. */
function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(nested)) {
      return nested.map((e) =>
        e instanceof GraphQLError
          ? e
          : new GraphQLError(String((e as Error)?.message ?? e), { originalError: e as Error }),
      );
    }
    return [error];
  });
}

export function formatError(error: GraphQLError, t: Translator, logger?: Logger): PublicError {
  const base = { locations: error.locations, path: error.path };
  const original = error.originalError;

  if (isDomainError(original)) return fromDomainError(original, t, base);

  const ext = error.extensions as Partial<I18nExtension> | undefined;
  if (ext?.i18nKey) {
    return { ...base, message: t.t(ext.i18nKey, ext.i18nParams), extensions: { code: 'BAD_USER_INPUT' } };
  }

  // No original error, or graphql-js' own: a problem with the query or its variables.
  if (!original || original instanceof GraphQLError) {
    const { key, params } = classify(error.message);
    return { ...base, message: t.t(key, params), extensions: { code: 'BAD_USER_INPUT' } };
  }

  const statusCode = (original as { statusCode?: number }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Transport problems mercurius reports itself (bad JSON body, wrong method, missing query).
    const { key, params } = classify(original.message);
    return { ...base, message: t.t(key, params), extensions: { code: 'BAD_USER_INPUT' } };
  }

  logger?.error({ err: original, path: error.path }, 'unexpected error in GraphQL execution');
  return { ...base, message: t.t('internal'), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function fromDomainError(
  error: DomainError,
  t: Translator,
  base: Pick<PublicError, 'locations' | 'path'>,
): PublicError {
  const fields =
    error.code === 'BAD_USER_INPUT'
      ? error.fieldErrors.map((f) => ({ field: f.field, message: t.t(f.key, f.params) }))
      : undefined;
  return {
    ...base,
    message: t.t(error.key, error.params),
    extensions: fields ? { code: error.code, fields } : { code: error.code },
  };
}

/**
 * Mercurius' `errorFormatter`: the only place GraphQL errors become responses. Keeps mercurius'
 * status codes (GraphQL-over-HTTP) and replaces every message with a translated one.
 */
export function formatExecution(
  execution: ExecutionResult & { statusCode?: number },
  t: Translator,
  logger?: Logger,
): { statusCode: number; response: ExecutionResult } {
  const errors = flatten(execution.errors ?? []);
  const formatted = errors.map((e) => formatError(e, t, logger));
  let statusCode = execution.data ? 200 : (execution.statusCode ?? 200);
  if (!execution.data && execution.statusCode === undefined && errors.length === 1) {
    const own = (errors[0].originalError as { statusCode?: number } | undefined)?.statusCode;
    statusCode = typeof own === 'number' ? own : 200;
  }
  return {
    statusCode,
    response: { data: execution.data ?? null, errors: formatted as unknown as GraphQLError[] },
  };
}
