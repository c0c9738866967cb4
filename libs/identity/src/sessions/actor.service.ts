import { Injectable } from '@nestjs/common';
import { Actor, anonymousActor, isLanguage, Language } from '@enlace/core';
import { hashToken, looksLikeToken } from './session-token';
import { SessionRepository } from './session.repository';

export type ActorResolution =
  | {
      actor: Actor;
      /** The person's preferred language (for transports without a request language); absent for anonymous callers. */
      preferredLanguage?: Language;
    }
  | { invalidToken: true };

/** Turns a bearer token into the request's actor. A bad, expired or revoked token is an error, never anonymous. */
@Injectable()
export class ActorService {
  constructor(private readonly sessions: SessionRepository) {}

  async resolve(token: string | undefined, lang: Language, requestId?: string): Promise<ActorResolution> {
    if (token === undefined) return { actor: anonymousActor(lang, requestId) };
    if (!looksLikeToken(token)) return { invalidToken: true };
    const principal = await this.sessions.findPrincipal(hashToken(token));
    if (!principal) return { invalidToken: true };
    return {
      actor: {
        personId: principal.personId,
        accountId: principal.accountId,
        sessionId: principal.sessionId,
        isAdmin: principal.isAdmin,
        name: principal.name,
        memberships: principal.memberships,
        partnerNetworkIds: principal.partnerNetworkIds,
        lang,
        requestId,
      },
      preferredLanguage: ActorService.preferred(principal.preferredLanguage),
    };
  }

  /** The language for asynchronous output to this person when no request language applies. */
  static preferred(value: string): Language {
    return isLanguage(value) ? value : 'en';
  }
}
