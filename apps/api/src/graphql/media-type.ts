import type { FastifyRequest } from 'fastify';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

const SUPPORTED: readonly ResponseMediaType[] = [GRAPHQL_RESPONSE_JSON, APPLICATION_JSON];

interface Range {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  header
    .split(',')
    .slice(0, 32)
    .forEach((part, order) => {
      const [mediaRange, ...params] = part.split(';');
      const m = /^\s*([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)\s*$/i.exec(mediaRange ?? '');
      if (!m) return;
      let q = 1;
      for (const param of params) {
        const qm = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
        if (qm) q = Number(qm[1]);
      }
      ranges.push({ type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), q, order });
    });
  return ranges;
}

/**
 * The response media type for an `Accept` header (GraphQL over HTTP §Accept): the supported type
 * with the highest quality, the more specific range deciding each type's quality; on a tie the one
 * the client listed first, and `application/json` for wildcards. No header means
 * `application/json`; a header that accepts neither type gives `null` (406 Not Acceptable).
 */
export function negotiateResponseType(header: string | string[] | undefined): ResponseMediaType | null {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw === undefined || raw.trim() === '') return APPLICATION_JSON;
  const ranges = parseAccept(raw);
  let best: { type: ResponseMediaType; q: number; specificity: number; order: number } | undefined;
  for (const type of SUPPORTED) {
    const [main, sub] = type.split('/');
    let match: { q: number; specificity: number; order: number } | undefined;
    for (const range of ranges) {
      const specificity =
        range.type === main && range.subtype === sub
          ? 2
          : range.type === main && range.subtype === '*'
            ? 1
            : range.type === '*' && range.subtype === '*'
              ? 0
              : -1;
      if (specificity < 0) continue;
      if (!match || specificity > match.specificity) match = { q: range.q, specificity, order: range.order };
    }
    if (!match || match.q <= 0) continue;
    const candidate = { type, ...match };
    if (
      !best ||
      candidate.q > best.q ||
      (candidate.q === best.q &&
        candidate.specificity === 2 &&
        best.specificity === 2 &&
        candidate.order < best.order) ||
      (candidate.q === best.q && candidate.specificity === 2 && best.specificity < 2)
    ) {
      best = candidate;
    }
  }
  if (!best) return null;
  // Only an explicit request gets the newer media type; wildcards get plain JSON.
  return best.specificity === 2 ? best.type : APPLICATION_JSON;
}

const negotiated = new WeakMap<FastifyRequest, ResponseMediaType | null>();

/** `negotiateResponseType` for a request, computed once. */
export function responseTypeOf(request: FastifyRequest): ResponseMediaType | null {
  if (!negotiated.has(request)) negotiated.set(request, negotiateResponseType(request.headers.accept));
  return negotiated.get(request) ?? null;
}
