import type { FastifyRequest } from 'fastify';
import { metricsGate } from './metrics-access';

const TOKEN = 'metrics-token-0123456789abcdef';
const req = (ip: string, authorization?: string) =>
  ({ ip, headers: authorization === undefined ? {} : { authorization } }) as unknown as FastifyRequest;

describe('metricsGate', () => {
  it('lets in the bearer of the token, and nobody else, when only a token is set', () => {
    const allowed = metricsGate({ token: TOKEN, allow: [] });
    expect(allowed(req('198.51.100.1', `Bearer ${TOKEN}`))).toBe(true);
    expect(allowed(req('198.51.100.1', `bearer ${TOKEN}`))).toBe(true);
    expect(allowed(req('198.51.100.1'))).toBe(false);
    expect(allowed(req('198.51.100.1', `Bearer ${TOKEN.slice(1)}`))).toBe(false);
    expect(allowed(req('198.51.100.1', `Bearer ${TOKEN} extra`))).toBe(false);
    expect(allowed(req('198.51.100.1', TOKEN))).toBe(false);
    expect(allowed(req('127.0.0.1'))).toBe(false); // no address is allowed by default, loopback included
  });

  it('lets in allowed addresses without a token, and either way when both are set', () => {
    const byAddress = metricsGate({ allow: ['10.0.0.0/8', '::1'] });
    expect(byAddress(req('10.2.3.4'))).toBe(true);
    expect(byAddress(req('::ffff:10.2.3.4'))).toBe(true);
    expect(byAddress(req('::1'))).toBe(true);
    expect(byAddress(req('11.0.0.1', `Bearer ${TOKEN}`))).toBe(false);
    const both = metricsGate({ token: TOKEN, allow: ['10.0.0.0/8'] });
    expect(both(req('10.2.3.4'))).toBe(true);
    expect(both(req('11.0.0.1', `Bearer ${TOKEN}`))).toBe(true);
    expect(both(req('11.0.0.1'))).toBe(false);
  });
});
