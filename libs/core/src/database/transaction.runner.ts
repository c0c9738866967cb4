import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * A unit of work. Services receive it and hand it to repositories; only repositories use what is
 * inside (STYLE rule 3).
 */
export type Tx = EntityManager;

/** What is said when code inside a transaction asks the database outside it. */
export const QUERY_OUTSIDE_TRANSACTION =
  "query outside its transaction while the transaction holds the embedded database's only connection";

/**
 * A statement was sent through the data source (not the transaction's `tx`) while the transaction's
 * work was still running: on the embedded database it would wait forever for the only connection,
 * which the transaction holds until that statement answers. Fails the statement at once, so the
 * transaction rolls back and the process stays healthy.
 */
export class QueryOutsideTransactionError extends Error {
  constructor() {
    super(`${QUERY_OUTSIDE_TRANSACTION} (pass the transaction's tx to the repository)`);
    this.name = 'QueryOutsideTransactionError';
  }
}

/** The transaction whose work is running in this async context, while it runs. */
interface HeldTransaction {
  open: boolean;
}

const held = new AsyncLocalStorage<HeldTransaction>();

type Connect = (callback?: (error: Error | undefined, ...rest: unknown[]) => void) => unknown;
type Pool = { connect: Connect; [GUARDED]?: true };
const GUARDED = Symbol('enlace.transaction-guard');

const logger = new Logger('TransactionRunner');

/**
 * Watches the connections a data source's pool hands out (TypeORM's query runners and the prepared
 * path, `preparedQuery`, both ask it): one asked for from inside a running transaction's work is a
 * statement outside that transaction. On the embedded database (one connection, held by the
 * transaction) it fails at once instead of waiting forever; on PostgreSQL it works but reads outside
 * the transaction's snapshot, so it is logged as a warning when `warn` (development and test).
 */
function guardConnections(dataSource: DataSource, warn: boolean): void {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || pool[GUARDED] || typeof pool.connect !== 'function') return;
  const embedded = Boolean((dataSource.options.extra as { pglite?: unknown } | undefined)?.pglite);
  const connect = pool.connect.bind(pool);
  pool.connect = (callback) => {
    if (held.getStore()?.open) {
      if (embedded) {
        const error = new QueryOutsideTransactionError();
        if (!callback) return Promise.reject(error);
        process.nextTick(() => callback(error));
        return undefined;
      }
      if (warn) {
        const stack = new Error().stack?.split('\n').slice(2, 14).join('\n');
        logger.warn(
          "query outside its transaction while the transaction is running (it reads outside the transaction's " +
            `snapshot; on the embedded database it would wait forever): pass the transaction's tx\n${stack}`,
        );
      }
    }
    return connect(callback);
  };
  pool[GUARDED] = true;
}

/** Opens transactions for services, so that services never touch TypeORM themselves. */
@Injectable()
export class TransactionRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    guardConnections(dataSource, config?.nodeEnv !== 'production');
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((tx) => {
      const transaction: HeldTransaction = { open: true };
      // Closed as soon as the work settles: what it left running afterwards (and the after-commit
      // callbacks) may use the data source, which waits at most for the commit.
      return held.run(transaction, () => work(tx).finally(() => (transaction.open = false)));
    });
  }
}
