import {
  ArgumentNode,
  DocumentNode,
  GraphQLError,
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
  ValueNode,
  visit,
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

/** Documents and operations with more cached costs than this are measured again each time. */
const MAX_COSTS_PER_DOCUMENT = 64;

interface DocumentCosts {
  readonly schema: GraphQLSchema;
  /** Variables that a `first` argument reads: the only inputs the cost depends on besides the document. */
  readonly pageVariables: readonly string[];
  /** Per operation name and page-size variables: each measured operation and its cost. */
  readonly costs: Map<string, readonly { readonly operation: OperationDefinitionNode; readonly cost: number }[]>;
}

/**
 * The cost limit of each request, measured once per document, operation and page size: Mercurius
 * parses and validates a document once and hands the same `DocumentNode` to every later request
 * with the same text, so the costs are kept beside it (a `WeakMap`, gone with Mercurius' cache
 * entry). A variable counts only through the page size a `first` argument takes from it, so that
 * (clamped, as `operationCost` clamps it) is the rest of the key.
 */
export class CostCheck {
  private readonly documents = new WeakMap<DocumentNode, DocumentCosts>();

  constructor(private readonly limits: CostLimits) {}

  /** The limit error of the first operation over `maxCost` (only the named one, when named), or null. */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    input: CostInput & { operationName?: string | null } = {},
  ): GraphQLError | null {
    let known = this.documents.get(document);
    if (!known || known.schema !== schema) {
      known = { schema, pageVariables: pageVariablesOf(document), costs: new Map() };
      this.documents.set(document, known);
    }
    const key = [
      input.operationName ?? '',
      ...known.pageVariables.map((name) => this.pageKey(input.variables?.[name])),
    ].join('\0');
    let costs = known.costs.get(key);
    if (!costs) {
      costs = operationsOf(document, input.operationName).map((operation) => ({
        operation,
        cost: operationCost(schema, document, operation, this.limits, input),
      }));
      if (known.costs.size < MAX_COSTS_PER_DOCUMENT) known.costs.set(key, costs);
    }
    const over = costs.find((c) => c.cost > this.limits.maxCost);
    if (!over) return null;
    return limitError(
      `Operation cost ${over.cost} exceeds the maximum of ${this.limits.maxCost}.`,
      'graphql:tooCostly',
      { cost: over.cost, max: this.limits.maxCost },
      over.operation,
    );
  }

  /** What `operationCost` makes of a variable's value as a page size (a number, clamped; or absent; or other). */
  private pageKey(value: unknown): string {
    if (typeof value === 'number' && Number.isFinite(value)) {
      return String(Math.min(Math.max(Math.trunc(value), 0), this.limits.maxPageSize));
    }
    return value === undefined || value === null ? 'absent' : 'other';
  }
}

/** The variables a `first` argument reads, anywhere in the document. */
function pageVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    [Kind.ARGUMENT]: (node) => {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}
