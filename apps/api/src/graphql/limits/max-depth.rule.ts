import { ValidationContext, ValidationRule } from 'graphql';
import { limitError } from './limit-error';
import { foldSelections, isIntrospectionField } from './operation-walker';

/** Depth of an operation: nested field levels, fragments expanded, introspection fields ignored. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const depthOf = foldSelections(
      context.getDocument(),
      (name, _alias, inner) => (isIntrospectionField(name) ? 0 : 1 + inner),
      'max',
    );
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            limitError(
              `Operation depth ${depth} exceeds the maximum of ${maxDepth}.`,
              'graphql:tooDeep',
              { depth, max: maxDepth },
              operation,
            ),
          );
        }
        return false;
      },
    };
  };
}
