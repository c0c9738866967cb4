import { Client } from 'pg';
import { serverUrl } from '@enlace/testing';
import { captureLogs } from './support/logs';
import { startTestApp, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  let t: TestApp;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' });
    logs = captureLogs(t.app);
  });
  afterAll(async () => {
    logs.restore();
    await t.close();
  });

  it('echoes a well-formed client id in X-Request-Id and logs the request under it', async () => {
    const res = await t.gql({ query: '{ ping }' }, { headers: { 'x-request-id': 'client-Id_42' } });
    expect(res.headers['x-request-id']).toBe('client-Id_42');
    const completed = logs.lines.find((l) => l.requestId === 'client-Id_42' && l.msg === 'request completed');
    expect(completed).toMatchObject({ level: 30, service: 'enlace', res: { statusCode: 200 } });
    expect(typeof completed?.time).toBe('string');
  });

  it('replaces a missing, too long or ill-formed id with a UUID', async () => {
    for (const header of [undefined, 'x'.repeat(65), 'two words', 'forged\\nline', '']) {
      const res = await t.gql(
        { query: '{ ping }' },
        { headers: header === undefined ? {} : { 'x-request-id': header } },
      );
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(logs.lines.some((l) => l.requestId === res.headers['x-request-id'])).toBe(true);
    }
  });

  it('sends the id on errors, health checks and unknown routes too', async () => {
    for (const [path, init] of [
      [
        '/graphql',
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'e1' }, body: '{' },
      ],
      ['/health', { headers: { 'x-request-id': 'e2' } }],
      ['/nowhere', { headers: { 'x-request-id': 'e3' } }],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, init);
      expect(res.headers.get('x-request-id')).toBe(init.headers['x-request-id']);
    }
  });

  it('never logs the bearer token', async () => {
    const token = 'enl_' + 'A'.repeat(43);
    await t.gql({ query: '{ ping }' }, { token, headers: { 'x-request-id': 'tok-1' } });
    const lines = logs.lines.filter((l) => l.requestId === 'tok-1');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

describe('GET /health when the database stops answering', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS true`);
    await admin.end();
    await t.close();
  });

  it('answers 503 while PostgreSQL refuses connections, and 200 again once it is back', async () => {
    expect((await fetch(`${t.url}/health`)).status).toBe(200);

    // A real failure: the database refuses new connections and every open one is terminated.
    await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.db.name]);

    const down = await fetch(`${t.url}/health`, { headers: { 'accept-language': 'es' } });
    expect(down.status).toBe(503);
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect(await down.json()).toEqual({ status: 'unavailable' });

    // GraphQL keeps answering what needs no database, and fails cleanly what does.
    expect((await t.gql({ query: '{ ping }' })).body).toEqual({ data: { ping: true } });
    const needsDb = await t.gql({ query: '{ ping }' }, { token: `enl_${'A'.repeat(43)}`, lang: 'fr' });
    expect(needsDb.status).toBe(500);
    expect(needsDb.body).toEqual({
      errors: [
        {
          message: "Une erreur s'est produite de notre côté. Elle a été enregistrée.",
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });

    await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS true`);
    // Healthy again as soon as the pool reconnects (polled until then: a loaded machine takes longer).
    let status = 0;
    const deadline = Date.now() + 30_000;
    while (status !== 200 && Date.now() < deadline) {
      status = (await fetch(`${t.url}/health`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect((await t.gql({ query: '{ ping }' })).body).toEqual({ data: { ping: true } });
  });
});
