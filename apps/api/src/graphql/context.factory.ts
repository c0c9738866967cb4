import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { anonymousActor, I18nService, RequestLoaders, Translator } from '@enlace/core';
import { ActorResolver } from '../auth/actor-resolver';
import type { RequestContext } from './request-context';

@Injectable()
export class ContextFactory {
  constructor(
    private readonly i18n: I18nService,
    private readonly actors: ActorResolver,
  ) {}

  /** The request's context; resolving the caller's token is its only I/O. */
  async create(req: FastifyRequest, reply: FastifyReply): Promise<RequestContext> {
    const requestId = String(req.id);
    const base = (translator: Translator) => ({
      req,
      reply,
      requestId,
      translator,
      loaders: new RequestLoaders(),
      address: req.ip,
    });
    try {
      const { translator, actor, invalidToken } = await this.actors.fromHttp(req);
      return { ...base(translator), actor, invalidToken };
    } catch (error) {
      // Never throws: mercurius also builds a context to answer errors, and an exception there would
      // reach Fastify's default handler (its raw message in the response). The request fails before
      // execution instead (see graphql.hooks.ts), as INTERNAL_SERVER_ERROR.
      const translator = this.i18n.forAcceptLanguage(req.headers['accept-language']);
      return {
        ...base(translator),
        actor: anonymousActor(translator.lang, requestId),
        invalidToken: false,
        failure: error,
      };
    }
  }
}
