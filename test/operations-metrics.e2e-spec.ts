import request from 'supertest';
import { insertNetwork } from '@enlace/testing';
import { MAX_OPERATION_LABELS } from '../apps/api/src/metrics/api-metrics';
import { signedInMember } from './support/members';
import { network } from './support/networks.operations';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const TOKEN = 'metrics-token-0123456789abcdef';

/** `GET <path>` with optional headers: status, body text and content type. */
async function get(app: TestApp, path: string, headers: Record<string, string> = {}) {
  let req = request(app.url).get(path);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = await req;
  return { status: res.status, text: res.text, type: String(res.headers['content-type'] ?? '') };
}

/** The sample of `name` whose labels are exactly `labels`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = (m[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (got === wanted) return Number(m[3]);
  }
  return undefined;
}

/** What an unknown route answers: `GET /metrics` must be indistinguishable from it when refused. */
async function unknownRoute(app: TestApp) {
  const res = await get(app, '/metrics');
  const other = await get(app, '/no-such-route');
  return { res, other };
}

describe('GET /metrics', () => {
  describe('without METRICS_TOKEN or METRICS_ALLOW', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers 404 exactly like an unknown route, token or not', async () => {
      const { res, other } = await unknownRoute(t);
      expect(res.status).toBe(404);
      expect(res).toEqual(other);
      expect(await get(t, '/metrics', { authorization: `Bearer ${TOKEN}` })).toEqual(other);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    let token: string;
    let secret: { id: string; slug: string; name: string };
    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: TOKEN });
      const name = 'Red Zafiro de Alerta Temprana';
      const net = await insertNetwork(t.dataSource, {
        slug: 'red-zafiro-alerta',
        name: { es: { text: name, status: 'ORIGINAL' } },
      });
      secret = { id: net.id, slug: 'red-zafiro-alerta', name };
      token = (await signedInMember(t, { name: 'Quintana Persona', networkId: net.id, role: 'SECRETARIAT' })).token;
    });
    afterAll(async () => {
      await t.close();
    });

    const scrape = async () => {
      const res = await get(t, '/metrics', { authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(200);
      return res;
    };

    it('answers a caller without the token, or with a wrong one, 404 like an unknown route', async () => {
      const other = await get(t, '/no-such-route');
      expect(other.status).toBe(404);
      expect(await get(t, '/metrics')).toEqual(other);
      expect(await get(t, '/metrics', { authorization: `Bearer ${TOKEN}x` })).toEqual(other);
      expect(
        await get(t, '/metrics', { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }),
      ).toEqual(other);
    });

    it('counts GraphQL operations by name (or anonymous) and HTTP requests by route pattern', async () => {
      const before = await scrape();
      expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(
        sample(before.text, 'enlace_graphql_requests_total', { operation: 'WhoAmI', type: 'query', outcome: 'ok' }),
      ).toBeUndefined();

      for (let i = 0; i < 3; i += 1) {
        expect((await t.gql({ query: 'query WhoAmI { me { id } }' }, { token })).body.errors).toBeUndefined();
      }
      await t.gql({ query: '{ ping }' });
      await t.gql({ query: 'query Broken { nope }' }); // fails validation: no operation runs
      await t.gql({ query: 'mutation SignOutNobody { signOut }' }); // runs, and answers an error
      expect((await get(t, '/health')).status).toBe(200);
      expect(
        (await get(t, `/directory/export?format=csv&networkId=${secret.id}`, { authorization: `Bearer ${token}` }))
          .status,
      ).toBe(200);

      const { text } = await scrape();
      expect(sample(text, 'enlace_graphql_requests_total', { operation: 'WhoAmI', type: 'query', outcome: 'ok' })).toBe(
        3,
      );
      expect(
        sample(text, 'enlace_graphql_request_duration_seconds_count', { operation: 'WhoAmI', type: 'query' }),
      ).toBe(3);
      expect(
        sample(text, 'enlace_graphql_requests_total', { operation: 'anonymous', type: 'query', outcome: 'ok' }),
      ).toBe(1);
      expect(
        sample(text, 'enlace_graphql_requests_total', { operation: 'invalid', type: 'none', outcome: 'error' }),
      ).toBe(1);
      expect(
        sample(text, 'enlace_graphql_requests_total', {
          operation: 'SignOutNobody',
          type: 'mutation',
          outcome: 'error',
        }),
      ).toBe(1);
      expect(sample(text, 'enlace_http_requests_total', { method: 'GET', route: '/health', status: '200' })).toBe(1);
      expect(
        sample(text, 'enlace_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }),
      ).toBeGreaterThanOrEqual(4);
      // The route pattern, never the URL with its query.
      expect(
        sample(text, 'enlace_http_requests_total', { method: 'GET', route: '/directory/export', status: '200' }),
      ).toBe(1);
      expect(sample(text, 'enlace_http_request_duration_seconds_count', { method: 'GET', route: '/health' })).toBe(1);
      expect(
        sample(text, 'enlace_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('reports live sockets, the outbox backlog, job lag, the database pool and Node itself', async () => {
      await t.dataSource.query(
        `INSERT INTO email_outbox (recipient, language, template, params, created_at)
         VALUES ('someone@example.org', 'en', 'passwordReset', '{}', now() - interval '90 seconds')`,
      );
      const { text } = await scrape();
      expect(sample(text, 'enlace_live_sockets', {})).toBe(0);
      expect(sample(text, 'enlace_email_outbox_pending', {})).toBe(1);
      expect(sample(text, 'enlace_email_outbox_oldest_pending_seconds', {})).toBeGreaterThanOrEqual(90);
      for (const job of ['credentials-purge', 'channel-retention', 'daily-digest', 'vacancy-alert']) {
        expect(sample(text, 'enlace_job_lag_seconds', { job })).toBeGreaterThanOrEqual(0);
      }
      expect(sample(text, 'enlace_db_pool_connections', {})).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'enlace_db_pool_idle_connections', {})).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'enlace_db_pool_waiting', {})).toBe(0);
      expect(sample(text, 'enlace_db_pool_max_connections', {})).toBe(10);
      expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    });

    it('names no network, person or id after requests that name them', async () => {
      await t.gql(network({ slug: secret.slug }), { token });
      await t.gql(network({ id: secret.id }), { token });
      await get(t, `/directory/export?format=csv&networkId=${secret.id}&text=Quintana`, {
        authorization: `Bearer ${token}`,
      });
      await get(t, `/${secret.slug}/Quintana`);
      const { text } = await scrape();
      for (const leak of [secret.id, secret.slug, 'Zafiro', 'Quintana', 'networkId', token]) {
        expect(text).not.toContain(leak);
      }
    });

    it(`labels at most ${MAX_OPERATION_LABELS} operation names, the rest as "other"`, async () => {
      for (let i = 0; i < MAX_OPERATION_LABELS + 5; i += 1) await t.gql({ query: `query Probe${i} { ping }` });
      const { text } = await scrape();
      const names = new Set(
        [...text.matchAll(/^enlace_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]),
      );
      expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2); // + "other" and "invalid"
      expect(
        sample(text, 'enlace_graphql_requests_total', { operation: 'other', type: 'query', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(5);
    });
  });

  describe('with METRICS_ALLOW', () => {
    const started: TestApp[] = [];
    afterAll(async () => {
      for (const app of started) await app.close();
    });
    const start = async (env: Record<string, string>) => {
      const app = await startTestApp(env);
      started.push(app);
      return app;
    };

    it('serves an allowed address without a token', async () => {
      const t = await start({ METRICS_ALLOW: '10.0.0.0/8,127.0.0.1' });
      const res = await get(t, '/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toContain('enlace_http_requests_total');
    });

    it('takes the client address as TRUST_PROXY works it out, never one the client wrote', async () => {
      const behindProxy = await start({ METRICS_ALLOW: '203.0.113.5', TRUST_PROXY: '1' });
      const refused = await get(behindProxy, '/no-such-route');
      expect((await get(behindProxy, '/metrics', { 'x-forwarded-for': '203.0.113.5' })).status).toBe(200);
      expect(await get(behindProxy, '/metrics')).toEqual(refused); // the proxy itself (127.0.0.1) is not listed
      // The client wrote 203.0.113.5; the proxy appended the address it saw.
      expect(await get(behindProxy, '/metrics', { 'x-forwarded-for': '203.0.113.5, 198.51.100.1' })).toEqual(refused);

      const direct = await start({ METRICS_ALLOW: '203.0.113.5' });
      expect(await get(direct, '/metrics', { 'x-forwarded-for': '203.0.113.5' })).toEqual(
        await get(direct, '/no-such-route'),
      );
    });
  });
});
