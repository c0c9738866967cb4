import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TransportError } from './transport-error';

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser = (request: FastifyRequest, body: string, done: Done) => void;

/**
 * The `application/json` body parser: the bytes are decoded as UTF-8 strictly, so a body that is
 * not UTF-8 is refused (400, `errors:invalidUtf8`, answered like malformed JSON) instead of being
 * read with U+FFFD in place of the bad bytes and stored so; then Fastify's own JSON parser (prototype
 * poisoning refused) reads the text.
 */
export function strictUtf8JsonParser(instance: FastifyInstance) {
  const parseJson = instance.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      done(new TransportError(400, 'errors:invalidUtf8'));
      return;
    }
    parseJson(request, text, done);
  };
}
