import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const res = await request(t.url).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers a GraphQL query', async () => {
    const res = await t.gql({ query: '{ ping }' });
    expect(res.body).toEqual({ data: { ping: true } });
  });

  it('refuses an unknown field in the caller’s language, with no suggestion', async () => {
    const res = await t.gql({ query: '{ pong }' }, { lang: 'es' });
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toBe('El campo "pong" no existe en el tipo "Query".');
  });
});
