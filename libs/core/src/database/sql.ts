import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

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

/**
 * A statement run by name: the database parses and plans it once per connection, and each later run
 * only binds its values (the per-request session lookup: 0.8–0.9 ms of PostgreSQL CPU unprepared,
 * 0.2 ms prepared). Its text must be fixed (positional `$n` parameters, nothing built per call), so
 * that one name always means one text; `prepared()` refuses a name given two texts.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const preparedTexts = new Map<string, string>();

export function prepared(name: string, text: string): PreparedStatement {
  const known = preparedTexts.get(name);
  if (known !== undefined && known !== text) throw new Error(`prepared statement ${name} has two texts`);
  preparedTexts.set(name, text);
  return { name, text };
}

/** The driver's pool as the prepared path uses it (node-postgres' `Pool`, on PostgreSQL and PGlite alike). */
interface NamedStatementPool {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a prepared statement outside any transaction, in one round trip on a pooled connection
 * (node-postgres' `{ name, text, values }`: Parse once per connection, then Bind/Execute). It is
 * logged at TypeORM's logger like every other statement. A failure is node-postgres' own error
 * (`sqlState` reads it like a wrapped one).
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: NamedStatementPool }).master;
  dataSource.logger.logQuery(statement.text, [...values]);
  const result = await pool.query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}

/** Distinct texts `preparedNamedQuery` prepares at most (per process); beyond, they run unprepared. */
const MAX_PREPARED_TEXTS = 64;
const preparedByText = new Set<string>();

/**
 * `namedQuery` for a hot path whose SQL is built per call from a few shapes (the shared predicates:
 * their `:name`s are fresh each time, but once bound as `$n` the text depends only on the actor's
 * kind): run outside any transaction, as a statement named by its text's hash, so that PostgreSQL
 * parses and plans each shape once per connection. At most MAX_PREPARED_TEXTS shapes are named.
 */
export async function preparedNamedQuery<T>(
  dataSource: DataSource,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, params);
  const name = `q_${createHash('sha1').update(text).digest('base64url')}`;
  if (!preparedByText.has(name)) {
    if (preparedByText.size >= MAX_PREPARED_TEXTS) return (await dataSource.query(text, values)) as T[];
    preparedByText.add(name);
  }
  return preparedQuery<T>(dataSource, { name, text }, values);
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
