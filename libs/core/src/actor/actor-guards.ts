import { DomainError } from '../errors/domain-error';
import { Actor, isAuthenticated } from './actor';

/** Services start with a guard: anonymous callers get UNAUTHENTICATED before anything is read. */
export function requireAuthenticated(actor: Actor): asserts actor is Actor & { personId: string; accountId: string } {
  if (!isAuthenticated(actor)) throw DomainError.unauthenticated();
}

/** The signed-in person's id, or UNAUTHENTICATED. */
export function requirePerson(actor: Actor): string {
  if (actor.personId === null) throw DomainError.unauthenticated();
  return actor.personId;
}
