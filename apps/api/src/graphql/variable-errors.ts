import {
  coerceInputValue,
  DocumentNode,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  isInputType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { FieldError } from '@enlace/core';

/** What graphql-js says about one value → our key (a field name it mentions extends the path). */
const INNER: Array<[RegExp, (m: RegExpExecArray) => { child?: string; key: string; params?: FieldError['params'] }]> = [
  [
    /^Field "([^"]+)" of required type "[^"]+" was not provided\./,
    (m) => ({ child: m[1], key: 'validation:required' }),
  ],
  [/^Field "([^"]+)" is not defined by type "[^"]+"\./, (m) => ({ child: m[1], key: 'validation:unknownField' })],
  [/^Expected non-nullable type "[^"]+" not to be null\./, () => ({ key: 'validation:required' })],
  [
    /^Value "([^"]*)" does not exist in "([^"]+)" enum\./,
    (m) => ({ key: 'graphql:unknownEnumValue', params: { value: m[1], type: m[2] } }),
  ],
  [/^(Int|Float|String|Boolean|ID) cannot represent/, (m) => ({ key: 'validation:wrongType', params: { type: m[1] } })],
  [/^Enum "([^"]+)" cannot represent/, (m) => ({ key: 'validation:wrongType', params: { type: m[1] } })],
  [/^Expected type "([^"]+)"/, (m) => ({ key: 'validation:wrongType', params: { type: m[1] } })],
];

/** One value graphql-js refused, at `path` inside the variable `variable`, as a field error. */
function toFieldError(variable: string, path: readonly (string | number)[], error: GraphQLError): FieldError {
  const at = path.map(String);
  for (const [pattern, build] of INNER) {
    const m = pattern.exec(error.message);
    if (!m) continue;
    const { child, key, params } = build(m);
    const parts = child ? [...at, child] : at;
    const field = parts.length > 0 ? parts.join('.') : variable;
    return params ? { field, key, params } : { field, key };
  }
  return { field: at.length > 0 ? at.join('.') : variable, key: 'validation:invalidValue' };
}

/**
 * Every bad value in the request's variables, found the way graphql-js coerces them, as field
 * errors like the validation pipe's: a path relative to the variable (`email`, `contacts.0.value`),
 * or the variable's own name when the whole value is wrong or missing. graphql-js (mercurius checks
 * variables before any hook) and graphql-jit (on the run that compiles a query) report each as its
 * own English sentence, worded differently, that names no field; the formatter answers them with
 * this instead.
 */
export function variableFieldErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  inputs: Record<string, unknown> | null | undefined,
): FieldError[] {
  const operation = getOperationAST(document, operationName ?? undefined);
  const definitions = operation?.variableDefinitions ?? [];
  const values = inputs ?? {};
  const errors: FieldError[] = [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // the document's validation has reported it
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (value === undefined || value === null) {
      if (isNonNullType(type) && (value === null || definition.defaultValue === undefined)) {
        errors.push({ field: name, key: 'validation:required' });
      }
      continue;
    }
    coerceInputValue(value, type, (path, _invalid, error) => errors.push(toFieldError(name, path, error)));
  }
  return errors;
}

/** Whether a GraphQL error is graphql-js' or graphql-jit's refusal of a variable's value. */
export function isVariableError(error: GraphQLError): boolean {
  return /^Variable "\$[^"]+" (?:got invalid value |of (?:required|non-null) type )/.test(error.message);
}

/**
 * The bad fields of a GraphQL request's variables (see `variableFieldErrors`), read again from the
 * request itself: for the error path only, when graphql-js or graphql-jit refused them.
 */
export function requestVariableErrors(
  request: { readonly method: string; readonly query?: unknown; readonly body?: unknown },
  schema: GraphQLSchema,
): FieldError[] {
  const params = (request.method === 'GET' ? request.query : request.body) as
    { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (typeof params?.query !== 'string') return [];
  let variables = params.variables;
  try {
    if (typeof variables === 'string') variables = JSON.parse(variables) as unknown;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return [];
    }
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    return variableFieldErrors(schema, parse(params.query), operationName, variables as Record<string, unknown>);
  } catch {
    return [];
  }
}

/**
 * graphql-js' validation refusing a value written in the document itself (an inline argument), or a
 * required argument left out: `ValuesOfCorrectTypeRule` and `ProvidedRequiredArgumentsRule`.
 */
export function isLiteralError(error: GraphQLError): boolean {
  return (
    /^(?:Int|Float|String|Boolean|ID) cannot represent/.test(error.message) ||
    /^Enum "[^"]+" cannot represent/.test(error.message) ||
    /^Value "[^"]*" does not exist in "[^"]+" enum\./.test(error.message) ||
    /^Expected value of type "[^"]+", found /.test(error.message) ||
    /^Field "[^"]+" of required type "[^"]+" was not provided\./.test(error.message) ||
    /^Field "[^"]+" is not defined by type "[^"]+"\./.test(error.message) ||
    /^Field "[^"]+" argument "[^"]+" of type "[^"]+" is required, but it was not provided\./.test(error.message)
  );
}

/**
 * Every bad value written inline in the document's operation (and the fragments it uses), as field
 * errors of the same shape as the variables' (`variableFieldErrors`): a path relative to the
 * argument (`email`, `contacts.0.value`), or the argument's own name when the whole value is wrong or
 * a required one is missing. Each inline value is coerced as a variable of the argument's type would
 * be; variables inside it take the request's values (their own errors are reported as variables').
 */
export function literalFieldErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  inputs: Record<string, unknown> | null | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const typeInfo = new TypeInfo(schema);
  const variables = inputs ?? {};
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(node) {
          const definition = typeInfo.getFieldDef();
          if (!definition) return;
          for (const arg of definition.args) {
            const given = node.arguments?.find((a) => a.name.value === arg.name);
            if (!given && isNonNullType(arg.type) && arg.defaultValue === undefined) {
              errors.push({ field: arg.name, key: 'validation:required' });
            }
          }
        },
      },
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (!arg || node.value.kind === Kind.VARIABLE) return;
        const value = valueFromASTUntyped(node.value, variables);
        coerceInputValue(value, arg.type, (path, _invalid, error) => errors.push(toFieldError(arg.name, path, error)));
      },
    }),
  );
  return errors;
}

/** The inline bad values of a GraphQL request (see `literalFieldErrors`), for the error path only. */
export function requestLiteralErrors(
  request: { readonly method: string; readonly query?: unknown; readonly body?: unknown },
  schema: GraphQLSchema,
): FieldError[] {
  const params = (request.method === 'GET' ? request.query : request.body) as
    { query?: unknown; variables?: unknown } | undefined;
  if (typeof params?.query !== 'string') return [];
  try {
    let variables = params.variables;
    if (typeof variables === 'string') variables = JSON.parse(variables) as unknown;
    const inputs =
      variables && typeof variables === 'object' && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : undefined;
    return literalFieldErrors(schema, parse(params.query), inputs);
  } catch {
    return [];
  }
}
