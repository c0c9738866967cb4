import { PROBE_PROVIDERS, ProbeController, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';
import { JSON_CONTENT, onlyError, postGraphql, probeCreateNetwork, uniqueSlug } from './support/transport';

/** Transport-level bad input: always a 4xx (or a GraphQL error), localised, never a 500, never a write. */
describe('bad input over HTTP', () => {
  let t: TestApp;
  let networks: ProbeNetworkService;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' }, { providers: PROBE_PROVIDERS, controllers: [ProbeController] });
    networks = t.app.get(ProbeNetworkService);
  });
  afterAll(async () => {
    await t.close();
  });

  const createNetwork = probeCreateNetwork;
  const post = (body: string | undefined, headers?: Record<string, string>) => postGraphql(t, body, headers);
  const json = JSON_CONTENT;

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
          message: 'Los datos no son válidos (1 problema).',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'first', message: 'Este valor debería ser de tipo "Int".' }],
          },
        }),
      ],
    });

    const unknownField = await t.gql({
      ...createNetwork(slug),
      variables: { input: { slug, admin: true } },
    });
    expect(unknownField.body.errors).toEqual([
      expect.objectContaining({
        message: 'The input is not valid (1 problem).',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'admin', message: 'This field is not accepted.' }] },
      }),
    ]);
    expect(unknownField.body).not.toHaveProperty('data');

    // Written inline in the document, the same field gets the same answer (one error, its fields listed).
    const inline = await t.gql({ query: `mutation { probeCreateNetwork(input: { slug: "${slug}", admin: true }) }` });
    expect(inline.body.errors).toEqual([
      expect.objectContaining({
        message: 'The input is not valid (1 problem).',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'admin', message: 'This field is not accepted.' }] },
      }),
    ]);
    expect(await networks.count(slug)).toBe(0);
  });

  it('names every bad field of the variables in one BAD_USER_INPUT error, as validation errors do', async () => {
    // The same request three times: graphql-js checks the variables on the first and third runs,
    // graphql-jit on the second (the run that compiles the query); the answers are the same.
    const twoMissing = { query: 'mutation ($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: {} } };
    const runs = [];
    for (let run = 0; run < 3; run += 1) runs.push((await t.gql(twoMissing, { lang: 'es' })).body);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]).toEqual({
      errors: [
        {
          message: 'Los datos no son válidos (2 problemas).',
          locations: [{ line: 1, column: 11 }],
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'email', message: 'Este campo es obligatorio.' },
              { field: 'password', message: 'Este campo es obligatorio.' },
            ],
          },
        },
      ],
    });

    const mixed = await t.gql(
      {
        query: 'mutation ($i: SignInInput!) { signIn(input: $i) { token } }',
        variables: { i: { email: 5, password: null, admin: true } },
      },
      { lang: 'fr' },
    );
    expect(mixed.body).toEqual({
      errors: [
        expect.objectContaining({
          message: 'Les données ne sont pas valides (3 problèmes).',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'email', message: 'Cette valeur devrait être de type « String ».' },
              { field: 'password', message: 'Ce champ est obligatoire.' },
              { field: 'admin', message: "Ce champ n'est pas accepté." },
            ],
          },
        }),
      ],
    });

    const variables = await t.gql(
      {
        query: `query ($first: Int, $n: Int!) {
          probe { children(first: $first) { totalCount } }
          again: probe { children(first: $n) { totalCount } }
        }`,
        variables: { first: 'many' },
      },
      { lang: 'pt' },
    );
    expect(variables.body.errors).toEqual([
      expect.objectContaining({
        message: 'Os dados não são válidos (2 problemas).',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'first', message: 'Este valor deveria ser do tipo "Int".' },
            { field: 'n', message: 'Este campo é obrigatório.' },
          ],
        },
      }),
    ]);
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
