import { DomainError } from '../errors/domain-error';
import { isUuid } from '../validation/validators';
import { decodeCursor } from './cursor';

/**
 * What one value of a keyset cursor must be:
 * - `string`, `number`: any value of that type (a sort name, a count);
 * - `uuid`: a row id;
 * - `bigint`: a bigint (a sequence or serial id) written as decimal digits;
 * - `timestamp`: a text PostgreSQL and `Date.parse` read as a point in time.
 */
export type CursorPart = 'string' | 'number' | 'uuid' | 'bigint' | 'timestamp';

export type CursorKey<T extends readonly CursorPart[]> = { [I in keyof T]: T[I] extends 'number' ? number : string };

const CHECKS: Record<CursorPart, (value: string | number) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  uuid: (v) => isUuid(v),
  bigint: (v) => typeof v === 'string' && /^\d{1,19}$/.test(v),
  timestamp: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

/**
 * A decoded keyset cursor's values, checked against the shape the list expects (else: the one
 * `validation:invalidCursor` error on `field`). Every list checks its cursor this way.
 */
export function cursorKey<T extends readonly CursorPart[]>(
  key: readonly (string | number)[] | null,
  shape: T,
  field = 'after',
): CursorKey<T> | null {
  if (key === null) return null;
  if (key.length !== shape.length || key.some((v, i) => !CHECKS[shape[i]](v))) {
    throw DomainError.badInput([{ field, key: 'validation:invalidCursor' }]);
  }
  return key as never;
}

/** Decodes a client's cursor and checks its shape in one step (for cursors outside `pageRequest`). */
export function decodeCursorKey<T extends readonly CursorPart[]>(
  cursor: string,
  shape: T,
  field = 'after',
): CursorKey<T> {
  return cursorKey(decodeCursor(cursor, field), shape, field) as CursorKey<T>;
}
