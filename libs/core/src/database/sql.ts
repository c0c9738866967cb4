import type { EntityManager } from 'typeorm';

/**
 * The SQL kit of the repositories (Immich's `utils/database.ts` is the model): named parameters,
 * fresh aliases and predicate composition. Only `*.repository.ts` files (and the SQL predicate
 * builders they use) call these; services never see SQL.
 */

/** A boolean SQL condition with its named parameters (`:name`), ready for a WHERE clause. */
export interface SqlPredicate {
  readonly sql: string;
  readonly params: Record<string, unknown>;
}

/**
 * Runs SQL written with named parameters (`:name`, as the shared visibility predicates are) through
 * the driver's own binding: every value travels as a bound parameter, never inside the text.
 */
export async function namedQuery<T>(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return (await manager.query(text, values)) as T[];
}

let aliasCounter = 0;

/** A fresh alias or parameter name, so that predicates can be nested without clashes (one counter for all). */
export function fresh(prefix: string): string {
  aliasCounter = (aliasCounter + 1) % 1_000_000;
  return `${prefix}${aliasCounter}`;
}

/** Joins predicates with AND, merging their parameters; no predicate at all is TRUE. */
export function allOf(predicates: readonly SqlPredicate[]): SqlPredicate {
  if (predicates.length === 0) return { sql: 'TRUE', params: {} };
  return {
    sql: predicates.map((p) => `(${p.sql})`).join(' AND '),
    params: Object.assign({}, ...predicates.map((p) => p.params)) as Record<string, unknown>,
  };
}
