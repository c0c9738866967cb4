import { Injectable } from '@nestjs/common';
import { Actor, anonymousActor, DomainError, I18nService, Language, negotiateLanguage, Translator } from '@enlace/core';
import { ActorService } from '@enlace/identity';

/** Longest token a socket handshake may present (real ones are far shorter). */
const MAX_HANDSHAKE_TOKEN = 512;

/** Reads `Authorization: Bearer <token>`; anything else in the header counts as an invalid token. */
export function bearerToken(header: string | undefined): string | undefined | null {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** The headers an HTTP caller is read from. */
export interface HttpCaller {
  readonly headers: { readonly authorization?: string; readonly 'accept-language'?: string | string[] };
  readonly id: unknown;
}

/** Who an HTTP request speaks for, and in which language it is answered. */
export interface HttpActor {
  readonly translator: Translator;
  /** Anonymous when the request carried no token, or a token that does not resolve. */
  readonly actor: Actor;
  /** The request carried a bearer token that is malformed, expired or revoked. */
  readonly invalidToken: boolean;
}

/** What a socket's handshake carries. */
export interface Handshake {
  readonly headers: { readonly 'accept-language'?: string | string[] };
  readonly auth?: unknown;
}

/**
 * A live session, as the handshake established it (kept on the socket, and persisted with it by the
 * Redis adapter for connection-state recovery): the session's id, never its bearer token.
 */
export interface LiveIdentity {
  readonly personId: string;
  readonly sessionId: string;
  /** Accept-Language of the handshake, else the person's preferred language. */
  readonly lang: Language;
}

/**
 * The one way a door turns credentials into the `Actor` services take: a bearer token and
 * `Accept-Language` for HTTP (GraphQL and controllers), the handshake's `auth.token` for sockets, and
 * the token a socket holds for each of its events (so a revoked session or an ended membership counts
 * from the next event on; a socket keeps its session's id, not the token). Resolution itself is
 * identity's `ActorService`.
 */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly i18n: I18nService,
    private readonly actors: ActorService,
  ) {}

  /** An HTTP request's caller; a missing token is anonymous, a bad one is flagged (never thrown). */
  async fromHttp(req: HttpCaller): Promise<HttpActor> {
    const translator = this.i18n.forAcceptLanguage(req.headers['accept-language']);
    const requestId = String(req.id);
    const anonymous = anonymousActor(translator.lang, requestId);
    const token = bearerToken(req.headers.authorization);
    if (token === null) return { translator, actor: anonymous, invalidToken: true };
    const resolution = await this.actors.resolve(token, translator.lang, requestId);
    if ('invalidToken' in resolution) return { translator, actor: anonymous, invalidToken: true };
    return { translator, actor: resolution.actor, invalidToken: false };
  }

  /** For HTTP controllers: the caller, anonymous without a token; UNAUTHENTICATED for a bad one. */
  async requireHttp(req: HttpCaller): Promise<Actor> {
    const { actor, invalidToken } = await this.fromHttp(req);
    if (invalidToken) throw DomainError.unauthenticated();
    return actor;
  }

  /**
   * The owner of a calendar feed link (the token in the URL, never a session's), reading in their own
   * language; NOT_FOUND for an unknown or revoked link, exactly like a missing page.
   */
  async forCalendarFeed(token: string, requestId?: string): Promise<Actor> {
    const resolution = await this.actors.resolveCalendarFeed(token, requestId);
    if ('invalidToken' in resolution) throw DomainError.notFound();
    return resolution.actor;
  }

  /**
   * A socket's handshake: a live session's token (`auth.token`), or UNAUTHENTICATED (`unauthenticated`
   * without one, `invalidToken` for one that does not resolve to a signed-in session). The language is
   * the handshake's Accept-Language, else the person's preference. Errors carry the language to answer in.
   */
  async fromHandshake(handshake: Handshake): Promise<LiveIdentity> {
    const header = handshake.headers['accept-language'];
    const lang = negotiateLanguage(header);
    const auth = handshake.auth as Record<string, unknown> | undefined;
    const token = auth?.token;
    if (typeof token !== 'string' || token === '' || token.length > MAX_HANDSHAKE_TOKEN) {
      throw new HandshakeRefused(lang, DomainError.unauthenticated());
    }
    const resolution = await this.actors.resolve(token, lang);
    if ('invalidToken' in resolution || resolution.actor.personId === null || resolution.actor.sessionId === null) {
      throw new HandshakeRefused(lang, new DomainError('UNAUTHENTICATED', 'invalidToken'));
    }
    return {
      personId: resolution.actor.personId,
      sessionId: resolution.actor.sessionId,
      lang: !header && resolution.preferredLanguage ? resolution.preferredLanguage : lang,
    };
  }

  /**
   * The actor of a live session as of now (resolved by its session id), or null once that session no
   * longer resolves to the same person (signed out, revoked, expired).
   */
  async forLiveSession(identity: Partial<LiveIdentity>): Promise<Actor | null> {
    if (typeof identity.sessionId !== 'string' || typeof identity.personId !== 'string') return null;
    const resolution = await this.actors.resolveSession(identity.sessionId, identity.lang ?? 'en');
    if ('invalidToken' in resolution) return null;
    const { actor } = resolution;
    return actor.personId === identity.personId && actor.sessionId === identity.sessionId ? actor : null;
  }
}

/** A handshake refused, with the language its answer is written in. */
export class HandshakeRefused extends Error {
  constructor(
    readonly lang: Language,
    readonly error: DomainError,
  ) {
    super(error.key);
    this.name = 'HandshakeRefused';
  }
}
