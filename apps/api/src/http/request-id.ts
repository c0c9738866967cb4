import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The id logged with every line of a request and echoed in `X-Request-Id`: the client's (or the
 * proxy's) when it is a short token of `[A-Za-z0-9_-]`, otherwise a new UUID, so that nobody can
 * inject text into our logs or make an id that collides with another request's on purpose.
 */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}
