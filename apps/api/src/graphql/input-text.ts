import { DocumentNode, Kind, visit } from 'graphql';
import { DomainError } from '@enlace/core';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NUL cannot be stored in PostgreSQL text; a lone surrogate is not Unicode. Neither is ever data. */
function isAcceptableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

function findInVariables(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isAcceptableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findInVariables(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findInVariables(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a request whose strings (in the document's literals or in the variables) contain NUL or
 * invalid Unicode, before any resolver runs: BAD_USER_INPUT naming the variable, nothing written.
 */
export function assertAcceptableText(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): void {
  const fromVariables = variables ? findInVariables(variables, '') : null;
  if (fromVariables) {
    throw DomainError.badInput([{ field: fromVariables.slice(1), key: 'validation:invalidCharacters' }]);
  }
  let literal = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (!isAcceptableText(node.value)) literal = true;
    },
  });
  if (literal) throw DomainError.badInput([{ field: 'query', key: 'validation:invalidCharacters' }]);
}
