import { DocumentNode, Kind, visit } from 'graphql';
import { DomainError, findUnstorableText, isStorableText } from '@enlace/core';

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
  let literal = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isStorableText(node.value)) literal = true;
    },
  });
  if (literal) throw DomainError.badInput([{ field: 'query', key: 'validation:invalidCharacters' }]);
}
