import { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig, CoreModule, loadConfig, runMigrations } from '@enlace/core';
import { MIGRATIONS } from '@enlace/migrations';
import { createEngineDatabase, Engine, EngineDatabase } from './engines';

export interface TestContextOptions {
  /** Default: PostgreSQL. */
  readonly engine?: Engine;
  /** The real modules under test (`DirectoryModule`, ...); `CoreModule` is always there. */
  readonly imports?: ModuleMetadata['imports'];
  /** Classes the modules do not provide (a job's runner, say), wired like the modules' own. */
  readonly providers?: Provider[];
  /** Providers replaced by a value (cheaper password hashes, ...). */
  readonly overrides?: ReadonlyArray<{ readonly provide: unknown; readonly useValue: unknown }>;
  /** Environment given to `loadConfig`, beside `NODE_ENV=test` and the database's own. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The database of another context (one more "process" on it, with its own pool and module). By
   * default a fresh one, dropped by `close()`.
   */
  readonly database?: EngineDatabase;
}

export interface TestContext {
  readonly engine: Engine;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  readonly database: EngineDatabase;
  readonly moduleRef: TestingModule;
  /** Any provider of the context (services and, for specs of SQL, repositories), with its real collaborators. */
  get<T>(type: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/**
 * Services under test built by Nest from their real modules, over a fresh database of one engine
 * (a clone of the migrated template on PostgreSQL, a migrated data directory on PGlite):
 *
 *   const ctx = await testContext({ engine, imports: [DirectoryModule] });
 *   const people = ctx.get(PersonService);
 *   ...
 *   await ctx.close();
 */
export async function testContext(options: TestContextOptions = {}): Promise<TestContext> {
  const database = options.database ?? (await createEngineDatabase(options.engine ?? 'PostgreSQL'));
  const owned = !options.database;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      ...options.env,
      ...database.env,
    });
    let builder = Test.createTestingModule({
      imports: [CoreModule.forRoot({ config, migrations: MIGRATIONS }), ...(options.imports ?? [])],
      providers: options.providers ?? [],
    });
    for (const { provide, useValue } of options.overrides ?? []) {
      builder = builder.overrideProvider(provide).useValue(useValue);
    }
    const moduleRef = await builder.compile();
    const dataSource = moduleRef.get(DataSource);
    try {
      if (!database.migrated) await runMigrations(dataSource); // PGlite: nothing to clone from
      await moduleRef.init();
    } catch (error) {
      await moduleRef.close();
      throw error;
    }
    return {
      engine: database.engine,
      config,
      dataSource,
      database,
      moduleRef,
      get: <T>(type: Type<T> | string | symbol) => moduleRef.get<T>(type, { strict: false }),
      close: async () => {
        await moduleRef.close();
        if (owned) await database.drop();
      },
    };
  } catch (error) {
    if (owned) await database.drop();
    throw error;
  }
}
