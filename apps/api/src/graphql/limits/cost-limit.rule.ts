import {
  ArgumentNode,
  DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import { GraphqlLimits, SENSITIVE_FIELDS } from './limits.config';
import { limitError } from './limit-error';
import { fragmentsOf, isIntrospectionField, operationsOf } from './operation-walker';

export type CostLimits = Pick<GraphqlLimits, 'maxCost' | 'defaultPageSize' | 'maxPageSize' | 'sensitiveFieldCost'>;

export interface CostInput {
  readonly variables?: Record<string, unknown> | null;
}

/**
 * Estimated cost of one operation:
 * - each field costs 1, or its `@Extensions({ cost })`, or `sensitiveFieldCost` for the sign-in
 *   family (`SENSITIVE_FIELDS`);
 * - a field with a `first` argument is a page of `first` items (default `defaultPageSize`, at most
 *   `maxPageSize`, from a literal, a variable or the variable's default): its list-typed children
 *   (`edges`, `nodes`) count `first` times, or the field's own selection if it is itself a list;
 * - other list fields count their selection once;
 * - introspection fields are free (and disabled in production);
 * - fragments are expanded (each once per spread, memoised so a fragment bomb costs linear time).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: CostLimits,
  input: CostInput = {},
): number {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const pageSize = (args: readonly ArgumentNode[] | undefined): number => {
    const node = args?.find((a) => a.name.value === 'first')?.value;
    let value: unknown;
    if (node?.kind === Kind.INT) value = Number(node.value);
    else if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      value = input.variables?.[name];
      const fallback = variableDefaults.get(name);
      if ((value === undefined || value === null) && fallback?.kind === Kind.INT) value = Number(fallback.value);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return limits.defaultPageSize;
    return Math.min(Math.max(Math.trunc(value), 0), limits.maxPageSize);
  };

  const fieldCost = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number => {
    const declared = (field.extensions as { cost?: unknown } | undefined)?.cost;
    if (typeof declared === 'number' && declared >= 0) return declared;
    return SENSITIVE_FIELDS.has(`${parent.name}.${field.name}`) ? limits.sensitiveFieldCost : 1;
  };

  const selectionCost = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    pageOfParent: number | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (isIntrospectionField(name)) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) continue; // unknown fields are reported by graphql-js' own rules
        const isList = isListType(getNullableType(field.type));
        const page = field.args.some((a) => a.name === 'first') ? pageSize(selection.arguments) : undefined;
        const multiplier = isList ? (page ?? pageOfParent ?? 1) : 1;
        const type = getNamedType(field.type);
        const inner =
          selection.selectionSet && isCompositeType(type)
            ? selectionCost(selection.selectionSet, type, isList ? undefined : page)
            : 0;
        total += fieldCost(parent, field) + multiplier * inner;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        const type = condition && isCompositeType(condition) ? condition : parent;
        total += selectionCost(selection.selectionSet, type, pageOfParent);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment) continue;
        const condition = typeFromAST(schema, fragment.typeCondition);
        const type = condition && isCompositeType(condition) ? condition : parent;
        const key = `${name}\0${type.name}\0${pageOfParent ?? ''}`;
        const cached = memo.get(key);
        if (cached !== undefined) {
          total += cached;
        } else if (!visiting.has(name)) {
          visiting.add(name);
          const cost = selectionCost(fragment.selectionSet, type, pageOfParent);
          visiting.delete(name);
          memo.set(key, cost);
          total += cost;
        }
      }
    }
    return total;
  };

  return selectionCost(operation.selectionSet, root, undefined);
}

/**
 * Rejects an operation whose estimated cost exceeds `maxCost`. Unlike depth and aliases, the cost
 * depends on the variables (`first: $n`), so this rule is built per request with them; when an
 * operation name is given only that operation is measured (it is the only one that runs).
 */
export function costLimitRule(
  limits: CostLimits,
  input: CostInput & { operationName?: string | null } = {},
): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      for (const operation of operationsOf(document, input.operationName)) {
        const cost = operationCost(context.getSchema(), document, operation, limits, input);
        if (cost > limits.maxCost) {
          context.reportError(
            limitError(
              `Operation cost ${cost} exceeds the maximum of ${limits.maxCost}.`,
              'graphql:tooCostly',
              { cost, max: limits.maxCost },
              operation,
            ),
          );
        }
      }
      return false;
    },
  });
}
