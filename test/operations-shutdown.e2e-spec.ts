import { request as httpRequest } from 'node:http';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createDataSource, destroyDataSource } from '@enlace/core';
import { createTestDatabase, insertNetwork, TestDatabase } from '@enlace/testing';
import { BuiltServer, ensureBuilt, startBuiltServer } from './support/built-server';
import { signedInMember } from './support/members';

const CSV = Buffer.from(
  [
    'external_ref,name,email,phone,organisation,organisation_type,country,role,member_state,languages',
    'SD-1,Persona Uno,persona.uno@example.org,+595 21 1,Ministerio,GOVERNMENT,PY,OBSERVER,,es',
    'SD-2,Persona Dos,persona.dos@example.org,+595 21 2,Ministerio,GOVERNMENT,PY,OBSERVER,,es',
  ].join('\n'),
  'utf8',
);

interface Upload {
  /** Sends the rest of the body. */
  finish(rest: Buffer): void;
  /** The answer, or the error the connection ended with. */
  readonly response: Promise<{ status: number; body: string }>;
}

/** A CSV upload whose headers and first bytes are sent now, the rest when the test says so. */
function startUpload(url: string, path: string, token: string, first: Buffer, total: number): Upload {
  const target = new URL(path, url);
  const req = httpRequest(target, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'content-length': String(total), authorization: `Bearer ${token}` },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
  response.catch(() => undefined); // observed by the test; never an unhandled rejection
  req.flushHeaders();
  req.write(first);
  return { finish: (rest) => req.end(rest), response };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `GET /health` from a new connection: its status, or 'refused' when nothing listens any more. */
function healthFromNewConnection(url: string): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const req = httpRequest(new URL('/health', url), { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', () => resolve('refused'));
    req.end();
  });
}

/**
 * SIGTERM against the built server as a process (what `npm start` runs): what is in flight
 * finishes within the grace period (SHUTDOWN_GRACE_MS), new connections are refused meanwhile, live
 * sockets are told to reconnect (to another process), and whatever lingers past the grace period is
 * cut without keeping the process from exiting.
 */
describe('the built server on SIGTERM', () => {
  let db: TestDatabase;
  let token: string;
  let networkId: string;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    const ds: DataSource = await createDataSource(
      { databaseUrl: db.url, dataDir: '' },
      { entities: [], migrations: [] },
    );
    try {
      networkId = (await insertNetwork(ds, { slug: 'shutdown-network' })).id;
      token = (await signedInMember({ dataSource: ds }, { networkId, role: 'SECRETARIAT' })).token;
    } finally {
      await destroyDataSource(ds);
    }
  }, 240_000);
  afterAll(async () => {
    await db.drop();
  });

  const servers: BuiltServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop('SIGKILL');
  });
  const start = async (env: Record<string, string> = {}) => {
    const server = await startBuiltServer({ DATABASE_URL: db.url, ...env });
    servers.push(server);
    return server;
  };
  const importPath = () => `/directory/imports?networkId=${networkId}&dryRun=true`;

  it('lets an upload whose body is still arriving finish (200 with its report), refuses new connections, then exits 0', async () => {
    const server = await start();
    const half = Math.floor(CSV.length / 2);
    const upload = startUpload(server.url, importPath(), token, CSV.subarray(0, half), CSV.length);
    // Fastify logs "incoming request" with its URL once the headers are in (not the startup route map).
    await until(() => server.output().includes('"url":"/directory/imports'), 'the server to receive the upload');

    server.child.kill('SIGTERM');
    await until(() => server.output().includes('"msg":"shutting down"'), 'the shutdown to begin');
    expect(await healthFromNewConnection(server.url)).toBe('refused');
    expect(server.child.exitCode).toBeNull();

    upload.finish(CSV.subarray(half));
    const res = await upload.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      dryRun: true,
      summary: { created: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('cuts a request that lingers past SHUTDOWN_GRACE_MS and still exits 0', async () => {
    const server = await start({ SHUTDOWN_GRACE_MS: '1000' });
    const upload = startUpload(server.url, importPath(), token, CSV.subarray(0, 10), CSV.length);
    // Fastify logs "incoming request" with its URL once the headers are in (not the startup route map).
    await until(() => server.output().includes('"url":"/directory/imports'), 'the server to receive the upload');

    server.child.kill('SIGTERM');
    await expect(upload.response).rejects.toThrow(); // the body never came: the connection is cut
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"shutdown grace period over: connections cut"');
  }, 90_000);

  it('tells live sockets to reconnect (to another process) instead of closing them for good', async () => {
    const server = await start();
    const socket = io(`${server.url}/live`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 60_000, // observed, not attempted
      reconnectionDelayMax: 60_000,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      server.child.kill('SIGTERM');
      const reason = await disconnected;
      expect(reason).not.toBe('io server disconnect'); // that one means "do not come back"
      expect(socket.active).toBe(true); // the client will reconnect by itself
      expect(await server.exited).toEqual({ code: 0, signal: null });
    } finally {
      socket.close();
    }
  }, 90_000);
});
