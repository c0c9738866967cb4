import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, destroyDataSource } from '@enlace/core';
import { createTestDatabase, TestDatabase } from '@enlace/testing';
import { ensureBuilt, startBuiltServer } from './support/built-server';
import { signedInMember } from './support/members';

/** The built server (`npm run build` output) as a process: graceful shutdown and the embedded mode. */
describe('the built server', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 240_000);

  describe('on SIGTERM', () => {
    let db: TestDatabase;
    let token: string;
    beforeAll(async () => {
      db = await createTestDatabase();
      const ds = await createDataSource({ databaseUrl: db.url, dataDir: '' }, { entities: [], migrations: [] });
      try {
        token = (await signedInMember({ dataSource: ds })).token;
      } finally {
        await destroyDataSource(ds);
      }
    });
    afterAll(async () => {
      await db.drop();
    });

    it('finishes the request in flight, then exits 0', async () => {
      const server = await startBuiltServer({ DATABASE_URL: db.url });
      const locker = new Client({ connectionString: db.url });
      await locker.connect();
      try {
        // Hold the session table so that the request waits in the middle of resolving its token.
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE session IN ACCESS EXCLUSIVE MODE');
        const inFlight = fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ ping }' }),
        });
        await waitFor(async () => {
          const { rows } = await locker.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
            [db.name],
          );
          return rows[0].n > 0;
        });

        server.child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(server.child.exitCode).toBeNull(); // still waiting for the request
        const late = await fetch(`${server.url}/health`).then(
          (r) => r.status,
          () => 'refused',
        );
        expect([503, 'refused']).toContain(late);

        await locker.query('COMMIT');
        const res = await inFlight;
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ data: { ping: true } });
        expect(await server.exited).toEqual({ code: 0, signal: null });
        expect(server.output()).toContain('"msg":"shutting down"');
        expect(server.output()).toContain('"msg":"shut down"');
      } finally {
        await locker.end().catch(() => undefined);
        await server.stop('SIGKILL');
      }
    }, 60_000);
  });

  describe('without DATABASE_URL (embedded PGlite)', () => {
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'enlace-embedded-'));
    });
    afterAll(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    const admin = { email: 'admin@example.org', password: 'a long admin password' };
    const env = () => ({ DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });

    async function gql(url: string, query: string, token?: string) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as GqlBody };
    }
    type GqlBody = { data?: { signIn?: { token: string }; me?: { id: string } }; errors?: unknown[] };

    async function signInAndLoadMe(url: string): Promise<string> {
      const signIn = await gql(
        url,
        `mutation { signIn(input: { email: "${admin.email}", password: "${admin.password}" }) { token } }`,
      );
      expect(signIn.body.errors).toBeUndefined();
      const token = signIn.body.data?.signIn?.token ?? '';
      expect(token).toMatch(/^enl_/);
      const me = await gql(url, '{ me { id } }', token);
      expect(me.body.errors).toBeUndefined();
      expect(me.body.data?.me?.id).toEqual(expect.any(String));
      return me.body.data?.me?.id ?? '';
    }

    it('starts, creates the bootstrap administrator, signs in, and keeps its data across a restart', async () => {
      const first = await startBuiltServer(env(), 90_000);
      let id: string;
      try {
        id = await signInAndLoadMe(first.url);
      } finally {
        expect(await first.stop()).toEqual({ code: 0, signal: null });
      }
      expect(first.output()).toContain('bootstrap administrator created');

      const second = await startBuiltServer(env(), 90_000);
      try {
        expect(await signInAndLoadMe(second.url)).toBe(id);
      } finally {
        expect(await second.stop()).toEqual({ code: 0, signal: null });
      }
      expect(second.output()).not.toContain('bootstrap administrator created');
    }, 200_000);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
