import { DomainError } from './domain-error';

/**
 * The PostgreSQL error codes (SQLSTATE) the code base reacts to, named once. Repositories compare
 * with `hasSqlState(error, UNIQUE_VIOLATION)` rather than re-declaring the codes.
 */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const EXCLUSION_VIOLATION = '23P01';
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';

/** The SQLSTATE of a PostgreSQL error, whether raised by `pg` directly or wrapped by TypeORM. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  const code = typeof driver === 'string' ? driver : own;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether `error` is a PostgreSQL error with one of the given codes (raised by `pg` or wrapped by TypeORM). */
export function hasSqlState(error: unknown, ...codes: readonly string[]): boolean {
  const state = sqlState(error);
  return state !== undefined && codes.includes(state);
}

/**
 * The safety net under every service's own validation: a database error that is the caller's doing
 * becomes the domain error the caller should have got, never INTERNAL_SERVER_ERROR and never SQL.
 * - class 22 (data exception: a value PostgreSQL cannot store or compare) → BAD_USER_INPUT;
 * - 23505 (unique violation) → CONFLICT;
 * - 23P01 (exclusion violation, e.g. two terms of one seat overlapping) → CONFLICT;
 * - 40001 / 40P01 (serialization failure, deadlock) → CONFLICT (the client retries).
 * Anything else is a bug and stays internal. Services should still check their input first: this
 * answer names no field.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | null {
  const state = sqlState(error);
  if (!state) return null;
  if (state.startsWith('22')) return new DomainError('BAD_USER_INPUT', 'validation:unstorableValue');
  if (state === UNIQUE_VIOLATION) return DomainError.conflict('conflictDuplicate');
  if (state === EXCLUSION_VIOLATION) return DomainError.conflict('conflictOverlap');
  if (state === SERIALIZATION_FAILURE || state === DEADLOCK_DETECTED) return DomainError.conflict();
  return null;
}
