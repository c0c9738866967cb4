import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { addressList, MetricsAccess } from '@enlace/core';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read `GET /metrics`: a request carrying `Authorization: Bearer <METRICS_TOKEN>`, or one
 * whose client address (`request.ip`, worked out by `TRUST_PROXY`) is in `METRICS_ALLOW`. Either
 * suffices. The token is compared in constant time (digests of equal length).
 */
export function metricsGate(access: MetricsAccess): (request: FastifyRequest) => boolean {
  const expected = access.token === undefined ? undefined : digest(access.token);
  const allowed = addressList(access.allow);
  return (request) => {
    if (access.allow.length > 0 && allowed(request.ip)) return true;
    if (!expected) return false;
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]), expected);
  };
}
