import { PROBE_PROVIDERS, ProbeController, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';
import { captureLogs } from './support/logs';
import { probeCreateNetwork, uniqueSlug } from './support/transport';

/** What goes wrong on our side: a generic translated message, nothing internal, and one log line. */
describe('unexpected failures over HTTP', () => {
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

  const createNetwork = probeCreateNetwork;

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
