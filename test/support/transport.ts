import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

/** What a GraphQL (or HTTP error) response body may hold, as the transport specs read it. */
export type GraphqlBody = {
  data?: unknown;
  errors?: Array<{ message: string; path?: unknown[]; extensions: { code: string } }>;
  error?: { code: string; message: string };
};

export const JSON_CONTENT = { 'content-type': 'application/json' };

/** The probe's one mutation: creates a network row with this slug (see `ProbeNetworkService.count`). */
export const probeCreateNetwork = (slug: string) => ({
  query: 'mutation ($input: ProbeNetworkInput!) { probeCreateNetwork(input: $input) }',
  variables: { input: { slug } },
});
export const uniqueSlug = () => `probe-${randomBytes(4).toString('hex')}`;

/** A raw POST to /graphql: any body, any headers, the status, headers and parsed body as sent back. */
export async function postGraphql(t: TestApp, body: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as GraphqlBody };
}

/** The one error of a response, and proof that nothing internal leaked. */
export function onlyError(body: GraphqlBody) {
  expect(body.errors).toHaveLength(1);
  expect(body).not.toHaveProperty('data');
  return body.errors![0];
}
