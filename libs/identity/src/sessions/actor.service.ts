import { Injectable } from '@nestjs/common';
import { Actor, anonymousActor, isLanguage, isUuid, Language } from '@enlace/core';
import { CalendarFeedRepository } from '../calendar-feeds/calendar-feed.repository';
import { hashToken, looksLikeToken } from './session-token';
import type { SessionPrincipal } from './session.entity';
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
  constructor(
    private readonly sessions: SessionRepository,
    private readonly feeds: CalendarFeedRepository,
  ) {}

  async resolve(token: string | undefined, lang: Language, requestId?: string): Promise<ActorResolution> {
    if (token === undefined) return { actor: anonymousActor(lang, requestId) };
    if (!looksLikeToken(token)) return { invalidToken: true };
    return ActorService.resolution(await this.sessions.findPrincipal(hashToken(token)), lang, requestId);
  }

  /**
   * A live session's actor as of now, by the session's id (what a socket keeps: never its token); an
   * invalid token when the session was revoked or expired.
   */
  async resolveSession(sessionId: string, lang: Language): Promise<ActorResolution> {
    if (!isUuid(sessionId)) return { invalidToken: true };
    return ActorService.resolution(await this.sessions.findPrincipalBySession(sessionId), lang);
  }

  /**
   * The owner of a calendar feed link, as of now, reading in their own language: the feed shows what
   * they may read today. Not a session: it signs nothing in and can do nothing but read the feed.
   */
  async resolveCalendarFeed(token: string, requestId?: string): Promise<ActorResolution> {
    if (!looksLikeToken(token)) return { invalidToken: true };
    const principal = await this.feeds.principal(hashToken(token));
    if (!principal) return { invalidToken: true };
    return ActorService.resolution(principal, ActorService.preferred(principal.preferredLanguage), requestId);
  }

  private static resolution(principal: SessionPrincipal | null, lang: Language, requestId?: string): ActorResolution {
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
