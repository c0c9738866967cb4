import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '../../core/src'; // relative: jest's global setup runs without the path mapper
import { MIGRATIONS } from '../../../migrations';

/** The server the suite runs against: `DATABASE_URL`, or the local PostgreSQL on 127.0.0.1:5432. */
export function serverUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

const TEMPLATE_ENV = 'ENLACE_TEST_TEMPLATE_DB';

async function withServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * Creates the migrated template every test database is cloned from; one per jest run (the name is
 * unique, so parallel runs on one server never collide). Called from jest's global setup.
 */
export async function createTemplateDatabase(): Promise<string> {
  if (process.env[TEMPLATE_ENV]) return process.env[TEMPLATE_ENV];
  const name = uniqueName('enlace_tpl');
  await withServer((c) => c.query(`CREATE DATABASE ${name}`));
  const dataSource = await createDataSource(
    { databaseUrl: databaseUrl(name), dataDir: '' },
    { entities: [], migrations: MIGRATIONS },
  );
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[TEMPLATE_ENV] = name;
  return name;
}

export async function dropTemplateDatabase(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (!name) return;
  await dropDatabase(name);
  delete process.env[TEMPLATE_ENV];
}

export async function dropDatabase(name: string): Promise<void> {
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run through jest (global setup creates the template)`);
  const name = uniqueName('enlace_test');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withServer((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (error) {
      // Two clones starting at the same instant can see each other on the template; try again.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 25));
    }
  }
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

/** An empty database with nothing migrated (for the migration round-trip test). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = uniqueName('enlace_empty');
  await withServer((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}
