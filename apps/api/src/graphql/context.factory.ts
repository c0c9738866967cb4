import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { anonymousActor, I18nService, RequestLoaders } from '@enlace/core';
import { ActorService } from '@enlace/identity';
import type { RequestContext } from './request-context';

/** Reads `Authorization: Bearer <token>`; anything else in the header counts as an invalid token. */
export function bearerToken(header: string | undefined): string | undefined | null {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

@Injectable()
export class ContextFactory {
  constructor(
    private readonly i18n: I18nService,
    private readonly actors: ActorService,
  ) {}

  /** The request's context; resolving the caller's token is its only I/O. */
  async create(req: FastifyRequest, reply: FastifyReply): Promise<RequestContext> {
    const translator = this.i18n.forAcceptLanguage(req.headers['accept-language']);
    const requestId = String(req.id);
    const base = { req, reply, requestId, translator, loaders: new RequestLoaders(), address: req.ip };
    const anonymous = anonymousActor(translator.lang, requestId);
    const token = bearerToken(req.headers.authorization);
    if (token === null) return { ...base, actor: anonymous, invalidToken: true };
    try {
      const resolution = await this.actors.resolve(token, translator.lang, requestId);
      if ('invalidToken' in resolution) return { ...base, actor: anonymous, invalidToken: true };
      return { ...base, actor: resolution.actor, invalidToken: false };
    } catch (error) {
      // Never throws: mercurius also builds a context to answer errors, and an exception there would
      // reach Fastify's default handler (its raw message in the response). The request fails before
      // execution instead (see graphql.hooks.ts), as INTERNAL_SERVER_ERROR.
      return { ...base, actor: anonymous, invalidToken: false, failure: error };
    }
  }
}
