import { ValidationContext, ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { foldSelections } from './operation-walker';

/**
 * Aliases per operation, fragments expanded (a fragment with 10 aliases spread twice counts 20):
 * aliases are how one request asks for the same expensive field many times.
 */
export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => {
    const aliasesOf = foldSelections(context.getDocument(), (_name, alias, inner) => (alias ? 1 : 0) + inner, 'sum');
    return {
      OperationDefinition(operation) {
        const count = aliasesOf(operation.selectionSet);
        if (count > maxAliases) {
          context.reportError(
            limitError(
              `Operation uses ${count} aliases; at most ${maxAliases} are allowed.`,
              'graphql:tooManyAliases',
              { aliases: count, max: maxAliases },
              operation,
            ),
          );
        }
        return false;
      },
    };
  };
}
