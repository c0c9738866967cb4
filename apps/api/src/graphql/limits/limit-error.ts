import { ASTNode, GraphQLError } from 'graphql';
import type { I18nParams } from '@enlace/core';

/**
 * The error our limit rules raise: the English message is for logs only; clients get the
 * translation of `i18nKey` (see `error-formatter.ts`).
 */
export function limitError(
  message: string,
  i18nKey: string,
  i18nParams: I18nParams,
  nodes?: ASTNode | readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { i18nKey, i18nParams } });
}
