import { FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode, DocumentNode } from 'graphql';

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

export function operationsOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode[] {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operationName) return operations;
  return operations.filter((o) => o.name?.value === operationName);
}

export function isIntrospectionField(name: string): boolean {
  return name.startsWith('__');
}

/**
 * Folds a selection set with fragments expanded, memoising each fragment's result so that a
 * document that spreads fragments into each other many times costs linear time, not exponential.
 * A fragment cycle (reported by graphql-js' own rules) contributes nothing.
 */
export function foldSelections(
  document: DocumentNode,
  field: (name: string, alias: boolean, inner: number) => number,
  combine: 'sum' | 'max',
): (selectionSet: SelectionSetNode) => number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const fold = (selectionSet: SelectionSetNode): number => {
    let result = 0;
    for (const selection of selectionSet.selections) {
      let value = 0;
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? fold(selection.selectionSet) : 0;
        value = field(selection.name.value, selection.alias !== undefined, inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        value = fold(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const cached = memo.get(name);
        if (cached !== undefined) {
          value = cached;
        } else if (!visiting.has(name)) {
          const fragment = fragments.get(name);
          if (fragment) {
            visiting.add(name);
            value = fold(fragment.selectionSet);
            visiting.delete(name);
            memo.set(name, value);
          }
        }
      }
      result = combine === 'sum' ? result + value : Math.max(result, value);
    }
    return result;
  };
  return fold;
}
