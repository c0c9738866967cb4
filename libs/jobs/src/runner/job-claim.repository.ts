import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasSqlState, UNIQUE_VIOLATION } from '@enlace/core';

export interface ClaimRequest {
  readonly job: string;
  readonly slot: Date;
  readonly owner: string;
  readonly staleAfterMs: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
}

export type ClaimOutcome = 'NEW' | 'TAKEN_OVER' | 'RETRY';

export interface Claim {
  readonly outcome: ClaimOutcome;
  readonly attempt: number;
}

export interface JobRunRow {
  readonly job: string;
  readonly slot: Date;
  readonly status: 'RUNNING' | 'DONE' | 'FAILED';
  readonly owner: string;
  readonly attempts: number;
  readonly result: unknown;
  readonly lastError: string | null;
}

/**
 * Claims of scheduled work in `job_run` (SPEC §4.6). Every statement is atomic on its own, so the
 * claim holds across processes without a transaction: the primary key `(job, slot)` lets one
 * process insert a slot, and the partial unique index "one RUNNING row per job" keeps runs of one
 * job from overlapping. Each statement runs on its own (autocommit), so a refused claim (unique
 * violation) aborts nothing.
 */
@Injectable()
export class JobClaimRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(r: ClaimRequest): Promise<Claim | null> {
    try {
      // 1. This slot's run stopped beating (its process died): take it over, same slot, next attempt.
      const takenOver = (await this.dataSource.query(
        `UPDATE job_run SET owner = $3, attempts = attempts + 1, started_at = now(), heartbeat_at = now(),
                last_error = 'previous attempt stopped (no heartbeat since ' || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
          WHERE job = $1 AND slot = $2 AND status = 'RUNNING' AND heartbeat_at < now() - $4::int * interval '1 millisecond'
          RETURNING attempts`,
        [r.job, r.slot, r.owner, r.staleAfterMs],
      )) as [{ attempts: number }[], number];
      if (takenOver[0].length > 0) return { outcome: 'TAKEN_OVER', attempt: takenOver[0][0].attempts };

      // 2. A dead run of an earlier slot must not block this one forever.
      await this.dataSource.query(
        `UPDATE job_run SET status = 'FAILED', finished_at = now(), last_error = 'abandoned: no heartbeat'
          WHERE job = $1 AND slot <> $2 AND status = 'RUNNING' AND heartbeat_at < now() - $3::int * interval '1 millisecond'`,
        [r.job, r.slot, r.staleAfterMs],
      );

      // 3. The normal case: the first process to insert the slot runs it. Nothing is inserted if the
      //    slot exists, or if another run of this job is still RUNNING (no overlap).
      const inserted = (await this.dataSource.query(
        `INSERT INTO job_run (job, slot, status, owner) VALUES ($1, $2, 'RUNNING', $3)
         ON CONFLICT DO NOTHING RETURNING attempts`,
        [r.job, r.slot, r.owner],
      )) as { attempts: number }[];
      if (inserted.length > 0) return { outcome: 'NEW', attempt: inserted[0].attempts };

      // 4. This slot failed: retry it, with exponential backoff, a bounded number of times.
      const retried = (await this.dataSource.query(
        `UPDATE job_run SET status = 'RUNNING', owner = $3, attempts = attempts + 1, started_at = now(),
                heartbeat_at = now(), finished_at = NULL
          WHERE job = $1 AND slot = $2 AND status = 'FAILED' AND attempts < $4
            AND finished_at <= now() - ($5::bigint * power(2, attempts - 1)::bigint) * interval '1 millisecond'
          RETURNING attempts`,
        [r.job, r.slot, r.owner, r.maxAttempts, r.retryBaseMs],
      )) as [{ attempts: number }[], number];
      if (retried[0].length > 0) return { outcome: 'RETRY', attempt: retried[0][0].attempts };
      return null;
    } catch (error) {
      if (hasSqlState(error, UNIQUE_VIOLATION)) return null; // another run of this job started meanwhile
      throw error;
    }
  }

  /** Keeps a claim alive; false when this owner lost it (taken over as stale). */
  async heartbeat(job: string, slot: Date, owner: string): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE job_run SET heartbeat_at = now() WHERE job = $1 AND slot = $2 AND owner = $3 AND status = 'RUNNING'`,
      [job, slot, owner],
    )) as [unknown[], number];
    return result[1] > 0;
  }

  /** Records the end of a run; false when this owner had lost the claim meanwhile. */
  async finish(
    job: string,
    slot: Date,
    owner: string,
    outcome: { status: 'DONE'; result: unknown } | { status: 'FAILED'; error: string },
  ): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE job_run SET status = $4, finished_at = now(), heartbeat_at = now(), result = $5, last_error = $6
        WHERE job = $1 AND slot = $2 AND owner = $3 AND status = 'RUNNING'`,
      [
        job,
        slot,
        owner,
        outcome.status,
        outcome.status === 'DONE' ? JSON.stringify(outcome.result ?? null) : null,
        outcome.status === 'FAILED' ? outcome.error.slice(0, 2000) : null,
      ],
    )) as [unknown[], number];
    return result[1] > 0;
  }

  /** The database's clock: the one every process agrees on. */
  async databaseNow(): Promise<Date> {
    const [row] = (await this.dataSource.query(`SELECT now() AS now`)) as { now: Date }[];
    return row.now;
  }

  /** The database's clock and, for each of `jobs`, its newest slot that ran to DONE (null if none). */
  async lastDone(jobs: readonly string[]): Promise<{ now: Date; lastDone: Map<string, Date | null> }> {
    const rows = (await this.dataSource.query(
      `SELECT now() AS now, j.job,
              (SELECT max(r.slot) FROM job_run r WHERE r.job = j.job AND r.status = 'DONE') AS "lastDone"
         FROM unnest($1::text[]) AS j(job)`,
      [jobs],
    )) as { now: Date; job: string; lastDone: Date | null }[];
    const now = rows[0]?.now ?? (await this.databaseNow());
    return { now, lastDone: new Map(rows.map((r) => [r.job, r.lastDone])) };
  }

  async runs(job: string): Promise<JobRunRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT job, slot, status, owner, attempts, result, last_error AS "lastError" FROM job_run WHERE job = $1 ORDER BY slot`,
      [job],
    )) as JobRunRow[];
    return rows;
  }
}
