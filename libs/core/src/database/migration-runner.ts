import { DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary constant shared by every Enlace process: the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 7_305_112_001;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several processes
 * starting together migrate once. The lock and the migrations share one connection, which is what
 * makes this work on PGlite (a pool of one) as well.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const done = await executor.executePendingMigrations();
      return done.map((m) => m.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}

/** Reverts every applied migration, newest first (used by the migration round-trip test). */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  let reverted = 0;
  try {
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    while ((await executor.getExecutedMigrations()).length > 0) {
      await executor.undoLastMigration();
      reverted += 1;
    }
    return reverted;
  } finally {
    await queryRunner.release();
  }
}
