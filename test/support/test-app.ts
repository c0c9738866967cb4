import { Module, Provider, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@enlace/core';
import { createEngineDatabase, createTestDatabase, Engine, TestDatabase } from '@enlace/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { createApp } from '../../apps/api/src/bootstrap';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      path?: (string | number)[];
      extensions: { code: string; fields?: { field: string; message: string }[] };
    }>;
  };
  headers: Record<string, string>;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface CallOptions {
  token?: string;
  lang?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  readonly url: string;
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  /** POST /graphql like a client: JSON body, optional bearer token and Accept-Language. */
  gql<T = Record<string, unknown>>(operation: Operation, options?: CallOptions): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Test-only providers (e.g. resolvers that throw on purpose), added beside the real app. */
  readonly providers?: Provider[];
  /** Test-only HTTP controllers. */
  readonly controllers?: Type[];
  /**
   * The database engine. Default: PostgreSQL, or embedded PGlite when `ENLACE_TEST_ENGINE=embedded`
   * (to run a context's e2e files on the README's own start: one connection, migrated on start).
   */
  readonly engine?: Engine;
}

/** The engine `startTestApp` uses when its caller names none. */
export function defaultTestEngine(): Engine {
  return process.env.ENLACE_TEST_ENGINE === 'embedded' ? 'embedded PGlite' : 'PostgreSQL';
}

/** A fresh database of `engine`: a template clone (`url`) on PostgreSQL, a data directory on PGlite. */
async function createAppDatabase(engine: Engine): Promise<{ db: TestDatabase; env: Record<string, string> }> {
  if (engine === 'PostgreSQL') {
    const db = await createTestDatabase();
    return { db, env: { DATABASE_URL: db.url } };
  }
  const database = await createEngineDatabase(engine);
  return {
    db: { name: database.location.dataDir, url: '', drop: () => database.drop() },
    env: { ...database.env },
  };
}

/** Root module of a test app: the real app plus test-only providers. */
@Module({})
class TestRootModule {}

/**
 * Boots the api on a free port against a fresh database: cloned from the migrated template on
 * PostgreSQL, a new data directory (migrated on start) on embedded PGlite.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const engine = options.engine ?? defaultTestEngine();
  const { db, env: databaseEnv } = await createAppDatabase(engine);
  const rest = { ...env };
  if (engine !== 'PostgreSQL') delete rest.DATABASE_URL;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...rest,
    ...databaseEnv,
  });
  const app = await createApp(
    config,
    options.providers?.length || options.controllers?.length
      ? {
          module: TestRootModule,
          imports: [AppModule.forRoot(config)],
          providers: options.providers ?? [],
          controllers: options.controllers ?? [],
        }
      : undefined,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    db,
    config,
    dataSource: app.get(DataSource),
    async gql<T>(operation: Operation, options: CallOptions = {}): Promise<GraphqlResponse<T>> {
      let req = request(url).post('/graphql').set('content-type', 'application/json');
      if (options.token) req = req.set('authorization', `Bearer ${options.token}`);
      if (options.lang) req = req.set('accept-language', options.lang);
      for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
      const res = await req.send(operation);
      return {
        status: res.status,
        body: res.body as GraphqlResponse<T>['body'],
        headers: res.headers as Record<string, string>,
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
