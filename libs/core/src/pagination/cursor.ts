import { DomainError } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  readonly first: number;
  /** Decoded keyset position: the sort values of the last row of the previous page. */
  readonly after: readonly (string | number)[] | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly totalCount: number;
}

/**
 * Opaque cursors: base64url of a small JSON array of the row's sort key, behind a version prefix.
 * Clients must not parse them; the server validates every cursor it receives.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(['c1', ...key]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): (string | number)[] {
  const invalid = () => DomainError.badInput([{ field, key: 'validation:invalidCursor' }]);
  if (typeof cursor !== 'string' || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== 'c1' ||
    parsed.length < 2 ||
    !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw invalid();
  }
  return parsed.slice(1) as (string | number)[];
}

/** Validates `first`/`after` from a client (first ≤ 100) into a page request. */
export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw DomainError.badInput([{ field: 'first', key: 'validation:pageSize', params: { max: MAX_PAGE_SIZE } }]);
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

/**
 * Turns `first + 1` rows fetched by a keyset query into a page: the extra row only tells whether
 * there is a next page.
 */
export function toPage<T>(
  rows: readonly T[],
  request: PageRequest,
  keyOf: (row: T) => readonly (string | number)[],
  totalCount: number,
): Page<T> {
  const items = rows.slice(0, request.first);
  return {
    items,
    cursors: items.map((row) => encodeCursor(keyOf(row))),
    hasNextPage: rows.length > request.first,
    hasPreviousPage: request.after !== null,
    totalCount,
  };
}
