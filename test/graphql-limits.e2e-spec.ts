import { GRAPHQL_LIMITS } from '../apps/api/src/graphql/limits';
import { PROBE_PROVIDERS, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';

/** SPEC §7: depth, aliases, cost and tokens are limited; batching off; introspection and suggestions off in production. */
describe('GraphQL limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { providers: PROBE_PROVIDERS });
  });
  afterAll(async () => {
    await t.close();
  });

  const children = (first: string, inner: string) => `children(first: ${first}) { edges { node { ${inner} } } }`;

  async function rejected(query: string, variables?: Record<string, unknown>, lang?: string) {
    const res = await t.gql({ query, variables }, { lang });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('data');
    expect(res.body.errors).toHaveLength(1);
    const [error] = res.body.errors!;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    return error.message;
  }

  it('documents the limits it enforces', () => {
    expect(GRAPHQL_LIMITS).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxCost: 5000,
      maxTokens: 2000,
      maxDocumentLength: 65536,
      defaultPageSize: 20,
      maxPageSize: 100,
      sensitiveFieldCost: 2000,
    });
  });

  describe('depth', () => {
    const chain = (levels: number) => `{ probe { ${'child { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)} } }`;

    it('runs a query 10 levels deep', async () => {
      const res = await t.gql({ query: chain(10) });
      expect(res.body.errors).toBeUndefined();
    });

    it('refuses 11 levels, counting through fragments', async () => {
      expect(await rejected(chain(11), undefined, 'es')).toBe(
        'La consulta tiene demasiados niveles de anidamiento (11; como máximo 10).',
      );
      const viaFragments = `{ probe { ...A } } fragment A on ProbeNode { child { child { child { ...B } } } }
        fragment B on ProbeNode { child { child { child { child { child { child { id } } } } } } }`;
      expect(await rejected(viaFragments)).toBe('The query is nested too deeply (11 levels; at most 10).');
    });
  });

  describe('aliases', () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: ping`).join(' ')} }`;

    it('refuses a mutation document over the limit as a whole: nothing is written', async () => {
      const slugs = Array.from({ length: 16 }, (_, i) => `aliased-${i}`);
      const query = `mutation { ${slugs.map((slug, i) => `m${i}: probeCreateNetwork(input: { slug: "${slug}" })`).join(' ')} }`;
      expect(await rejected(query)).toBe('The query uses too many aliases (16; at most 15).');
      const networks = t.app.get(ProbeNetworkService);
      for (const slug of slugs) expect(await networks.count(slug)).toBe(0);
    });

    it('runs 15 aliases and refuses 16', async () => {
      const ok = await t.gql({ query: aliased(15) });
      expect(Object.keys(ok.body.data ?? {})).toHaveLength(15);
      expect(await rejected(aliased(16), undefined, 'fr')).toBe(
        "La requête utilise trop d'alias (16 ; 15 au maximum).",
      );
    });
  });

  describe('cost', () => {
    it('runs nested pages of the default size and refuses nested pages of 100', async () => {
      const ok = await t.gql({ query: `{ probe { ${children('20', children('20', 'id'))} } }` });
      expect(ok.body.errors).toBeUndefined();
      // probe + children + edges + 100 × (node + children + edges + 100 × (node + id))
      expect(await rejected(`{ probe { ${children('100', children('100', 'id'))} } }`, undefined, 'pt')).toBe(
        'A consulta pede coisas demais de uma vez (custo 20303; no máximo 5000). Peça páginas menores ou menos campos.',
      );
    });

    it('measures page sizes given in variables', async () => {
      const query = `query ($n: Int) { probe { ${children('$n', children('$n', 'id'))} } }`;
      expect((await t.gql({ query, variables: { n: 10 } })).body.errors).toBeUndefined();
      expect(await rejected(query, { n: 60 })).toMatch(
        /^The query asks for too much at once \(cost 7383; at most 5000\)/,
      );
    });

    it('prices sign-in so that a document may try at most two passwords', async () => {
      const attempt = (i: number) =>
        `s${i}: signIn(input: { email: "nobody${i}@example.org", password: "wrong password ${i}" }) { token }`;
      const message = await rejected(`mutation { ${[0, 1, 2].map(attempt).join(' ')} }`);
      expect(message).toMatch(/^The query asks for too much at once \(cost 6003; at most 5000\)/);
      const two = await t.gql({ query: `mutation { ${[0, 1].map(attempt).join(' ')} }` });
      expect(two.body.errors?.map((e) => e.extensions.code)).not.toContain('BAD_USER_INPUT');
    });
  });

  describe('document size', () => {
    it('refuses more than 2000 tokens', async () => {
      expect(await rejected(`{ ${'ping '.repeat(2000)}}`)).toBe('The query is too long (more than 2000 tokens).');
    });

    it('refuses a document longer than 64 KiB, comments included', async () => {
      expect(await rejected(`{ ping } # ${'x'.repeat(70_000)}`)).toBe(
        'The query is too long (70011 characters; at most 65536).',
      );
    });
  });

  it('answers limit errors with 400 and no data to clients that accept application/graphql-response+json', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: `{ ${'ping '.repeat(2001)}}` }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await res.json()).toEqual({
      errors: [{ message: 'The query is too long (more than 2000 tokens).', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('allows introspection outside production', async () => {
    const res = await t.gql({ query: '{ __schema { queryType { name } } }' });
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('GraphQL in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses introspection, localised', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const res = await t.gql({ query }, { lang: 'es' });
      expect(res.body).not.toHaveProperty('data');
      expect(res.body.errors?.length).toBeGreaterThan(0);
      for (const error of res.body.errors ?? []) {
        expect(error.message).toBe('La introspección está desactivada en este servidor.');
        expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      }
    }
  });

  it('still answers __typename', async () => {
    expect((await t.gql({ query: '{ __typename ping }' })).body).toEqual({ data: { __typename: 'Query', ping: true } });
  });

  it('never suggests field, argument, type or enum names', async () => {
    // graphql-js would suggest the name on the right ("Did you mean ...?").
    const cases: Array<[string, RegExp]> = [
      ['{ pin }', /ping/],
      ['{ probe }', /ping/],
      ['query ($x: Boolen) { ping }', /Boolean/],
      ['mutation { signIn(input: { emial: "a@b.c", password: "x" }) { token } }', /email/],
      ['mutation { signIn(input: { email: "a@b.c", password: "x" }) { tokn } }', /token/],
    ];
    for (const [query, suggestion] of cases) {
      const res = await t.gql({ query });
      expect(res.body.errors?.length).toBeGreaterThan(0);
      for (const error of res.body.errors ?? []) {
        expect(error.message).not.toMatch(suggestion);
        expect(error.message).not.toMatch(/did you mean/i);
        expect(error.extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });
});
