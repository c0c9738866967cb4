import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The connection pool of this process: open connections, idle ones, queries waiting for one, and the most it opens. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

/** What node-postgres' `Pool` counts (TypeORM's PostgreSQL driver keeps it as `master`). */
interface PgPoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

/** How the database is doing, for `/health` and the metrics. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when the database answers within `timeoutMs`. */
  async databaseAnswers(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const ping = this.dataSource.query('SELECT 1').then(() => true as const);
      return await Promise.race([ping, timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The pool's counts now (all zero before the data source connects or after it closed). */
  pool(): PoolStats {
    const driver = this.dataSource.isInitialized ? (this.dataSource.driver as { master?: PgPoolCounts }) : {};
    const pool = driver.master;
    return {
      total: pool?.totalCount ?? 0,
      idle: pool?.idleCount ?? 0,
      waiting: pool?.waitingCount ?? 0,
      max: pool?.options?.max ?? 0,
    };
  }
}
