import { createHash, randomBytes } from 'node:crypto';
import { insertAccount, insertSession } from '@enlace/testing';
import { PROBE_PROVIDERS, ProbeController, ProbeNetworkService } from './support/probe.resolver';
import { startTestApp, TestApp } from './support/test-app';
import { JSON_CONTENT, onlyError, postGraphql, probeCreateNetwork, uniqueSlug } from './support/transport';

/** A bad bearer token fails every operation of its request, never running it as anonymous. */
describe('bad input over HTTP: tokens', () => {
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
