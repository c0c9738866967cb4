import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface BucketState {
  /** Hits in the current window, this one included. */
  readonly hits: number;
  /** Seconds until the current window ends (at least 1). */
  readonly retryAfterSeconds: number;
  /** The current window's start, as PostgreSQL wrote it (exact to the microsecond): what `refund` matches. */
  readonly windowStart: string;
}

/**
 * Fixed-window counters in the `rate_limit` table, shared by every process. Each hit is one atomic
 * statement in its own transaction (never the caller's: a refused attempt still counts when the
 * caller's work rolls back).
 */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(bucket: string, windowSeconds: number): Promise<BucketState> {
    // clock_timestamp(), not now(): a statement that waited for another's row lock must not measure
    // the window from its own (earlier) transaction start. Both CASEs read the one time in EXCLUDED.
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit AS r (bucket, window_start, hits)
       VALUES ($1, clock_timestamp(), 1)
       ON CONFLICT (bucket) DO UPDATE SET
         window_start = CASE WHEN r.window_start <= EXCLUDED.window_start - $2::int * interval '1 second'
                             THEN EXCLUDED.window_start ELSE r.window_start END,
         hits = CASE WHEN r.window_start <= EXCLUDED.window_start - $2::int * interval '1 second'
                     THEN 1 ELSE r.hits + 1 END
       RETURNING hits, window_start::text AS window_start,
         LEAST($2::int, GREATEST(1, CEIL(EXTRACT(EPOCH FROM
           (window_start + $2::int * interval '1 second' - clock_timestamp())))))::int AS retry_after`,
      [bucket, windowSeconds],
    )) as { hits: number; retry_after: number; window_start: string }[];
    return { hits: rows[0].hits, retryAfterSeconds: rows[0].retry_after, windowStart: rows[0].window_start };
  }

  /**
   * Gives back one hit of the window that started at `windowStart` (an attempt that turned out not to
   * count, such as a successful sign-in). A window that has since been replaced is left alone.
   */
  async refund(bucket: string, windowStart: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE rate_limit SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2::timestamptz AND hits > 0`,
      [bucket, windowStart],
    );
  }

  /** Deletes counters whose window ended more than `maxWindowSeconds` ago (for a periodic clean-up job). */
  async deleteStale(maxWindowSeconds: number): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM rate_limit WHERE window_start < now() - $1::int * interval '1 second'`,
      [maxWindowSeconds],
    )) as [unknown, number];
    return affected;
  }
}
