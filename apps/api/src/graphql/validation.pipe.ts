import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@enlace/core';
import { memoiseValidationMetadata } from './validation-metadata';

/** class-validator constraint name → translation key in the `validation` namespace. */
const CONSTRAINT_KEYS: Record<string, string> = {
  isNotEmpty: 'validation:required',
  isDefined: 'validation:required',
  maxLength: 'validation:tooLong',
  minLength: 'validation:tooShort',
  isEmail: 'validation:invalidEmail',
  isIn: 'validation:notInList',
  isEnum: 'validation:notInList',
  min: 'validation:outOfRange',
  max: 'validation:outOfRange',
  whitelistValidation: 'validation:unknownField',
};

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint]) => ({
      field,
      key: CONSTRAINT_KEYS[constraint] ?? 'validation:invalidValue',
      params: paramsFor(error, constraint),
    }));
    return [...own.slice(0, 1), ...flatten(error.children ?? [], field)];
  });
}

function paramsFor(error: ValidationError, constraint: string): Record<string, string | number> {
  const meta = (error.contexts?.[constraint] ?? {}) as Record<string, string | number>;
  const message = error.constraints?.[constraint] ?? '';
  // class-validator puts the bound in its English message only; take the numbers, not the words.
  const numbers = message.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (constraint === 'maxLength') return { max: numbers[0] ?? 0, ...meta };
  if (constraint === 'minLength') return { min: numbers[0] ?? 0, ...meta };
  if (constraint === 'min') return { min: numbers[0] ?? 0, max: '∞', ...meta };
  if (constraint === 'max') return { min: '-∞', max: numbers[0] ?? 0, ...meta };
  if (constraint === 'isIn' || constraint === 'isEnum') {
    return { values: message.replace(/^.*following values: /, ''), ...meta };
  }
  return meta;
}

/** The one global pipe: validates every input class and reports every field, localised later. */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => DomainError.badInput(flatten(errors, '')),
  });
}
