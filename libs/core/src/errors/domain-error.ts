/** The codes of SPEC §5: the only values `extensions.code` ever takes. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type I18nParams = Record<string, string | number>;

/** One field's problem, translated at the edge like the error itself. */
export interface FieldError {
  /** Dotted path of the input field, e.g. `input.email` or `input.name.0.text`. */
  readonly field: string;
  readonly key: string;
  readonly params?: I18nParams;
}

/**
 * The one error services throw. `key` is an i18next key in the `errors` namespace; the transport
 * translates it for the caller. Never carries English text or internal details.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: I18nParams = {},
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(key);
    this.name = 'DomainError';
  }

  static notFound(): DomainError {
    return new DomainError('NOT_FOUND', 'notFound');
  }

  static unauthenticated(): DomainError {
    return new DomainError('UNAUTHENTICATED', 'unauthenticated');
  }

  static forbidden(): DomainError {
    return new DomainError('FORBIDDEN', 'forbidden');
  }

  static conflict(key = 'conflict', params: I18nParams = {}): DomainError {
    return new DomainError('CONFLICT', key, params);
  }

  static badInput(fieldErrors: readonly FieldError[]): DomainError {
    return new DomainError('BAD_USER_INPUT', 'badUserInput', { count: fieldErrors.length }, fieldErrors);
  }

  static rateLimited(retryAfterSeconds: number): DomainError {
    return new DomainError('RATE_LIMITED', 'rateLimited', { count: retryAfterSeconds });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
