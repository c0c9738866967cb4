import type { DataSource } from 'typeorm';
import type { Actor } from '@enlace/core';
// relative, as factories.ts: the testing kit may build what a request would get, without a context depending on identity
import { CalendarFeedRepository } from '../../identity/src/calendar-feeds/calendar-feed.repository';
import { ActorService } from '../../identity/src/sessions/actor.service';
import { SessionRepository } from '../../identity/src/sessions/session.repository';

/**
 * The actor a real session token resolves to (current memberships, partner networks), exactly as a
 * request would get it: for integration tests of contexts that may not import identity.
 */
export async function actorForSession(
  ds: DataSource,
  token: string,
  lang: 'en' | 'es' | 'pt' | 'fr' = 'en',
): Promise<Actor> {
  const resolution = await new ActorService(new SessionRepository(ds), new CalendarFeedRepository(ds)).resolve(
    token,
    lang,
  );
  if ('invalidToken' in resolution) throw new Error('session did not resolve');
  return resolution.actor;
}
