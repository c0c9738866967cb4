import { DomainError } from '../errors/domain-error';
import { Actor, anonymousActor } from './actor';
import { requireAuthenticated, requirePerson } from './actor-guards';

const PERSON = '3f0c2a9e-1b2c-4d5e-8f90-0123456789ab';
const signedIn: Actor = { ...anonymousActor('en'), personId: PERSON, accountId: PERSON, sessionId: 's' };

describe('actor guards', () => {
  it('let a signed-in person through', () => {
    expect(() => requireAuthenticated(signedIn)).not.toThrow();
    expect(requirePerson(signedIn)).toBe(PERSON);
  });

  it('answer UNAUTHENTICATED to anonymous callers', () => {
    for (const guard of [requireAuthenticated, requirePerson]) {
      expect(() => guard(anonymousActor('es'))).toThrow(DomainError);
      expect(() => guard(anonymousActor('es'))).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    }
  });
});
