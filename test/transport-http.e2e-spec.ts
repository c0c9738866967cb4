import { connect } from 'node:net';
import { PROBE_PROVIDERS, ProbeController, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';
import { JSON_CONTENT, onlyError, postGraphql, uniqueSlug } from './support/transport';

/** Addresses, methods and accepted types the api does not serve: localised 4xx answers, never a write. */
describe('bad input over HTTP: routes, methods and content negotiation', () => {
  let t: TestApp;
  let networks: ProbeNetworkService;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' }, { providers: PROBE_PROVIDERS, controllers: [ProbeController] });
    networks = t.app.get(ProbeNetworkService);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: string | undefined, headers?: Record<string, string>) => postGraphql(t, body, headers);
  const json = JSON_CONTENT;

  it('answers an unknown route with a localised 404', async () => {
    const res = await fetch(`${t.url}/nowhere?x=1`, { headers: { 'accept-language': 'es' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No hay nada en esta dirección.' } });
  });

  it('answers a URL that does not decode with a localised 400', async () => {
    const res = await fetch(`${t.url}/graphql%E0%A4%A`, { headers: { 'accept-language': 'fr' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'BAD_USER_INPUT', message: "Cette adresse n'est pas une URL valide." },
    });
  });

  it('answers unparsable HTTP and oversized headers in the same shape', async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        let data = '';
        const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () => socket.end(text));
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    const garbled = await raw(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    );
    expect(garbled).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbled.slice(garbled.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'BAD_USER_INPUT', message: 'The request is not valid.' },
    });
    const huge = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"message":"The request headers are too large."');
  });

  it('answers other methods on /graphql with 405 and Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${t.url}/graphql`, { method, headers: json, body: '{"query":"{ ping }"}' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
      expect(await res.json()).toEqual({
        errors: [
          { message: 'This HTTP method is not allowed at this address.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    }
  });

  it('refuses a mutation over GET with 405 and Allow: POST, and runs queries over GET', async () => {
    const slug = uniqueSlug();
    const url = new URL(`${t.url}/graphql`);
    url.searchParams.set('query', `mutation { probeCreateNetwork(input: { slug: "${slug}" }) }`);
    const res = await fetch(url, { headers: { 'accept-language': 'fr' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({
      errors: [{ message: 'Les mutations doivent être envoyées en POST.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(await networks.count(slug)).toBe(0);

    const get = new URL(`${t.url}/graphql`);
    get.searchParams.set('query', 'query ($first: Int) { probe { children(first: $first) { totalCount } } }');
    get.searchParams.set('variables', '{"first":3}');
    const ok = await fetch(get);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { probe: { children: { totalCount: 3 } } } });

    get.searchParams.set('variables', '{not json');
    const bad = await fetch(get);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [
        { message: 'The request parameter "variables" has the wrong type.', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  });

  it('answers 406 when the client accepts no JSON type', async () => {
    const res = await post('{"query":"{ ping }"}', { ...json, accept: 'text/html', 'accept-language': 'pt' });
    expect(res.status).toBe(406);
    expect(onlyError(res.body)).toEqual({
      message:
        'Nenhum dos tipos de resposta que você aceita está disponível. Aceite um destes: application/graphql-response+json, application/json.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
