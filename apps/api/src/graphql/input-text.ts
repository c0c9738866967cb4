import { DocumentNode, Kind, visit } from 'graphql';
import { DomainError, findUnstorableText, isStorableText } from '@enlace/core';

/** Whether a document's own string literals are all storable, once per parsed document (Mercurius reuses it). */
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function literalsAreStorable(document: DocumentNode): boolean {
  let storable = literalsChecked.get(document);
  if (storable === undefined) {
    storable = true;
    visit(document, {
      [Kind.STRING]: (node) => {
        if (!isStorableText(node.value)) storable = false;
      },
    });
    literalsChecked.set(document, storable);
  }
  return storable;
}

/**
 * Refuses a request whose strings (in the document's literals or in the variables) are not storable
 * text (core's one rule: no NUL, no lone surrogate), before any resolver runs: BAD_USER_INPUT naming
 * the variable, nothing written.
 */
export function assertAcceptableText(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): void {
  const fromVariables = variables ? findUnstorableText(variables) : null;
  if (fromVariables !== null) {
    throw DomainError.badInput([{ field: fromVariables, key: 'validation:invalidCharacters' }]);
  }
  if (!literalsAreStorable(document))
    throw DomainError.badInput([{ field: 'query', key: 'validation:invalidCharacters' }]);
}
