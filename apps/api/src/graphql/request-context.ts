import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestLoaders, Translator } from '@enlace/core';

/** What every resolver receives as its GraphQL context. Built once per HTTP request. */
export interface RequestContext {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  readonly requestId: string;
  readonly translator: Translator;
  readonly actor: Actor;
  /** Set when the request carried a bearer token that is malformed, expired or revoked. */
  readonly invalidToken: boolean;
  readonly loaders: RequestLoaders;
  /** The client address used for per-address rate limits. */
  readonly address: string;
  /** Set when the context could not be built (the database did not answer): the request fails whole. */
  readonly failure?: unknown;
}
