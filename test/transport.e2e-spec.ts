import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { insertAccount, insertSession } from '@enlace/testing';
import { captureLogs } from './support/logs';
import { PROBE_PROVIDERS, ProbeController, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';

/** Transport-level bad input: always a 4xx (or a GraphQL error), localised, never a 500, never a write. */
describe('bad input over HTTP', () => {
  let t: TestApp;
  let networks: ProbeNetworkService;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' }, { providers: PROBE_PROVIDERS, controllers: [ProbeController] });
    networks = t.app.get(ProbeNetworkService);
    logs = captureLogs(t.app);
  });
  afterAll(async () => {
    logs.restore();
    await t.close();
  });

  const createNetwork = (slug: string) => ({
    query: 'mutation ($input: ProbeNetworkInput!) { probeCreateNetwork(input: $input) }',
    variables: { input: { slug } },
  });
  const uniqueSlug = () => `probe-${randomBytes(4).toString('hex')}`;

  async function post(body: string | undefined, headers: Record<string, string> = {}) {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as GraphqlBody };
  }
  type GraphqlBody = {
    data?: unknown;
    errors?: Array<{ message: string; path?: unknown[]; extensions: { code: string } }>;
    error?: { code: string; message: string };
  };
  const json = { 'content-type': 'application/json' };

  /** The one error of a response, and proof that nothing internal leaked. */
  function onlyError(body: GraphqlBody) {
    expect(body.errors).toHaveLength(1);
    expect(body).not.toHaveProperty('data');
    return body.errors![0];
  }

  it('answers malformed JSON with 400 and a localised message', async () => {
    const res = await post('{ "query": "{ ping }"', { ...json, 'accept-language': 'es' });
    expect(res.status).toBe(400);
    expect(onlyError(res.body)).toEqual({
      message: 'El cuerpo de la solicitud no es JSON válido.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses other content types, and a missing one, with 415 and without running them', async () => {
    const slug = uniqueSlug();
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'content-type': 'text/plain' }, JSON.stringify(createNetwork(slug))],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, `query=${encodeURIComponent('{ ping }')}`],
      [{ 'content-type': 'application/graphql' }, '{ ping }'],
      [{ 'content-type': 'application/json; charset=latin1' }, JSON.stringify({ query: '{ ping }' })],
      [{}, JSON.stringify(createNetwork(slug))],
    ];
    for (const [headers, body] of cases) {
      const res = await post(body, { ...headers, 'accept-language': 'pt' });
      expect(res.status).toBe(415);
      expect(onlyError(res.body)).toEqual({
        message: 'Tipo de conteúdo não suportado. Envie application/json.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(await networks.count(slug)).toBe(0);
  });

  it('refuses a body over 256 KiB with 413', async () => {
    const res = await post(JSON.stringify({ query: '{ ping }', variables: { x: 'a'.repeat(300_000) } }), {
      ...json,
      'accept-language': 'fr',
    });
    expect(res.status).toBe(413);
    expect(onlyError(res.body)).toEqual({
      message: 'Le corps de la requête est trop volumineux (262144 octets au maximum).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a batch (JSON array) with 400 and runs none of it', async () => {
    const slug = uniqueSlug();
    const res = await post(JSON.stringify([createNetwork(slug), { query: '{ ping }' }]), json);
    expect(res.status).toBe(400);
    expect(onlyError(res.body)).toEqual({
      message: 'Batched requests are not supported: send one operation per request.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await networks.count(slug)).toBe(0);
  });

  it('refuses an empty body, a body that is not an object, a missing query and wrongly typed parameters', async () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'The request body is empty.'],
      ['"{ ping }"', 'The request body must be a JSON object with a "query" string.'],
      ['{}', 'The request has no query.'],
      ['{"query":null}', 'The request has no query.'],
      ['{"query":"  "}', 'The request has no query.'],
      ['{"qeury":"{ ping }"}', 'The request has no query.'],
      ['{"query":1}', 'The request parameter "query" has the wrong type.'],
      ['{"query":["{ ping }"]}', 'The request parameter "query" has the wrong type.'],
      ['{"query":"{ ping }","operationName":false}', 'The request parameter "operationName" has the wrong type.'],
      ['{"query":"{ ping }","variables":"{}"}', 'The request parameter "variables" has the wrong type.'],
      ['{"query":"{ ping }","variables":[]}', 'The request parameter "variables" has the wrong type.'],
      ['{"query":"{ ping }","extensions":1}', 'The request parameter "extensions" has the wrong type.'],
    ];
    for (const [body, message] of cases) {
      const res = await post(body, json);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(onlyError(res.body)).toEqual({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('accepts null for every optional parameter', async () => {
    const res = await post(
      JSON.stringify({ query: '{ ping }', variables: null, operationName: null, extensions: null }),
      json,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { ping: true } });
  });

  it('reports wrong variable types and unknown input fields without running the operation', async () => {
    const slug = uniqueSlug();
    const wrongType = await t.gql(
      {
        query: 'query ($first: Int) { probe { children(first: $first) { totalCount } } }',
        variables: { first: 'many' },
      },
      { lang: 'es' },
    );
    expect(wrongType.status).toBe(200);
    expect(wrongType.body).toEqual({
      errors: [
        expect.objectContaining({
          message: 'La variable "$first" tiene un valor no válido.',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ],
    });

    const unknownField = await t.gql({
      ...createNetwork(slug),
      variables: { input: { slug, admin: true } },
    });
    expect(unknownField.body.errors).toEqual([
      expect.objectContaining({
        message: 'The field "admin" is not accepted by "ProbeNetworkInput".',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(unknownField.body).not.toHaveProperty('data');

    const inline = await t.gql({ query: `mutation { probeCreateNetwork(input: { slug: "${slug}", admin: true }) }` });
    expect(inline.body.errors?.[0]).toEqual(
      expect.objectContaining({ message: 'The field "admin" is not accepted by "ProbeNetworkInput".' }),
    );
    expect(await networks.count(slug)).toBe(0);
  });

  it('falls back to English for unknown or garbage Accept-Language, and picks the best supported one', async () => {
    const cases: Array<[string, string]> = [
      ['xx-YY', 'The request has no query.'],
      ['*', 'The request has no query.'],
      [';;;q=zzz,,,', 'The request has no query.'],
      ['\u00e9\u00e9', 'The request has no query.'],
      ['de-CH, pt-BR;q=0.8, fr;q=0.5', 'A requisição não tem consulta.'],
    ];
    for (const [lang, message] of cases) {
      const res = await post('{}', { ...json, 'accept-language': lang });
      expect(onlyError(res.body).message).toBe(message);
    }
  });

  describe('tokens', () => {
    const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

    async function expectInvalidToken(token: string, lang?: string) {
      const slug = uniqueSlug();
      for (const operation of [{ query: '{ ping }' }, createNetwork(slug)]) {
        const res = await t.gql(operation, { token, lang });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          errors: [
            {
              message:
                lang === 'fr'
                  ? 'Votre jeton de session est invalide ou a expiré. Reconnectez-vous.'
                  : 'Your session token is invalid or has expired. Sign in again.',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
      expect(await networks.count(slug)).toBe(0);
    }

    it('fails every operation of a request with a forged or malformed token, never running it as anonymous', async () => {
      await expectInvalidToken(`enl_${randomBytes(32).toString('base64url')}`, 'fr');
      await expectInvalidToken('not-a-token');
      const res = await post('{"query":"{ ping }"}', { ...json, authorization: 'Basic dXNlcjpwYXNz' });
      expect(onlyError(res.body).extensions.code).toBe('UNAUTHENTICATED');
    });

    it('fails every operation with an expired or revoked token', async () => {
      const person = await insertAccount(t.dataSource);
      const expired = await insertSession(t.dataSource, person.accountId, { expiresAt: new Date(Date.now() - 1000) });
      await expectInvalidToken(expired);
      const revoked = await insertSession(t.dataSource, person.accountId);
      expect((await t.gql({ query: '{ ping }' }, { token: revoked })).body).toEqual({ data: { ping: true } });
      await t.dataSource.query('UPDATE session SET revoked_at = now() WHERE token_hash = $1', [tokenHash(revoked)]);
      await expectInvalidToken(revoked);
    });

    it('answers 401 when the client accepts application/graphql-response+json', async () => {
      const res = await post('{"query":"{ ping }"}', {
        ...json,
        accept: 'application/graphql-response+json',
        authorization: `Bearer enl_${randomBytes(32).toString('base64url')}`,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
      expect(onlyError(res.body).extensions.code).toBe('UNAUTHENTICATED');
    });
  });

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

  describe('unexpected failures', () => {
    const leaks =
      /boom|SELECT|internal_table|INSERT|duplicate|unique|constraint|network_slug|QueryFailedError|Error:|\bat\s|\.ts:/i;
    /** What a client could read about the failure: messages and extensions (paths name our own fields). */
    const visible = (body: { errors?: Array<{ message: string; extensions: unknown }> }) =>
      JSON.stringify(body.errors?.map((e) => [e.message, e.extensions]));

    it('answers an exception in a resolver with the generic translated message, nothing internal, and logs it', async () => {
      {
        const res = await t.gql({ query: '{ ping probeBoom }' }, { lang: 'pt', headers: { 'x-request-id': 'boom-1' } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          data: null,
          errors: [
            {
              message: 'Algo deu errado do nosso lado. O erro foi registrado.',
              locations: [{ line: 1, column: 8 }],
              path: ['probeBoom'],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            },
          ],
        });
        expect(visible(res.body)).not.toMatch(leaks);
        const logged = logs.lines.find(
          (l) => l.requestId === 'boom-1' && l.msg === 'unexpected error in GraphQL request',
        );
        expect(logged).toMatchObject({
          level: 50,
          requestId: 'boom-1',
          err: { message: expect.stringMatching(/^boom/) },
        });
        expect(logged?.err?.stack).toContain('probe.resolver.ts');
      }
    });

    it('answers errors of HTTP controllers in their JSON shape: domain errors with their status, others 500', async () => {
      const missing = await fetch(`${t.url}/probe/missing`, { headers: { 'accept-language': 'fr' } });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Introuvable.' } });

      const boom = await fetch(`${t.url}/probe/boom`, { headers: { 'x-request-id': 'boom-http' } });
      expect(boom.status).toBe(500);
      const body = (await boom.json()) as { error: { message: string } };
      expect(body).toEqual({
        error: {
          code: 'INTERNAL_SERVER_ERROR',
          message: 'Something went wrong on our side. The error has been logged.',
        },
      });
      const logged = logs.lines.find((l) => l.requestId === 'boom-http' && l.level === 50);
      expect(logged?.err?.message).toMatch(/ECONNREFUSED/);
    });

    it('keeps partial data and numeric paths when one list item fails', async () => {
      const res = await t.gql({ query: '{ probeItems { n value } }' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: {
          probeItems: [
            { n: 1, value: 'item 1' },
            { n: 2, value: null },
          ],
        },
        errors: [
          expect.objectContaining({
            path: ['probeItems', 1, 'value'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          }),
        ],
      });
      expect(visible(res.body)).not.toMatch(/broken/);
    });

    it('answers a unique violation that a service did not foresee with CONFLICT, never with SQL', async () => {
      const slug = uniqueSlug();
      expect((await t.gql(createNetwork(slug))).body.data).toEqual({ probeCreateNetwork: expect.any(String) });
      const res = await t.gql(createNetwork(slug), { lang: 'es' });
      expect(res.body).toEqual({
        data: null,
        errors: [expect.objectContaining({ message: 'Esto ya existe.', extensions: { code: 'CONFLICT' } })],
      });
      expect(visible(res.body)).not.toMatch(leaks);
      expect(visible(res.body)).not.toMatch(/duplicate key|network_slug/);
      expect(await networks.count(slug)).toBe(1);
    });
  });
});

describe('text the database cannot store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['NUL in a variable', { slug: 'latam\u0000' }, 'slug'],
    ['a lone high surrogate', { slug: 'bad \ud800' }, 'slug'],
    ['a lone low surrogate', { slug: '\udfff' }, 'slug'],
  ])('refuses %s with BAD_USER_INPUT naming the variable', async (_name, variables, field) => {
    const res = await t.gql(
      { query: 'query($slug: String) { network(slug: $slug) { id } }', variables },
      { lang: 'es' },
    );
    expect(res.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field, message: 'Este texto contiene caracteres no permitidos (NUL o Unicode no válido).' }],
    });
  });

  it('refuses NUL written as an escape in the document itself', async () => {
    const res = await t.gql({ query: '{ network(slug: "x\\u0000") { id } }' });
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].extensions.fields?.[0].field).toBe('query');
  });

  it('writes nothing when a mutation carries such text', async () => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[];
    const res = await t.gql({
      query: 'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
      variables: { input: { email: 'a\u0000@example.org', password: 'whatever password' } },
    });
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)) as { n: number }[];
    expect(after).toEqual(before);
  });
});
