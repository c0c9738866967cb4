import { DomainError } from './domain-error';

/** The SQLSTATE of a PostgreSQL error, whether raised by `pg` directly or wrapped by TypeORM. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  const code = typeof driver === 'string' ? driver : own;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The safety net under every service's own validation: a database error that is the caller's doing
 * becomes the domain error the caller should have got, never INTERNAL_SERVER_ERROR and never SQL.
 * - class 22 (data exception: a value PostgreSQL cannot store or compare) → BAD_USER_INPUT;
 * - 23505 (unique violation) → CONFLICT;
 * - 40001 / 40P01 (serialization failure, deadlock) → CONFLICT (the client retries).
 * Anything else is a bug and stays internal. Services should still check their input first: this
 * answer names no field.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | null {
  const state = sqlState(error);
  if (!state) return null;
  if (state.startsWith('22')) return new DomainError('BAD_USER_INPUT', 'validation:unstorableValue');
  if (state === '23505') return DomainError.conflict('conflictDuplicate');
  if (state === '40001' || state === '40P01') return DomainError.conflict();
  return null;
}
