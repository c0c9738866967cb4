import { Actor, anonymousActor } from '@enlace/core';
import type { MembershipService, OpenTermArgs } from '../memberships/membership.service';
import type { NetworkService } from '../networks/network.service';
import type { PersonService } from '../people/person.service';
import { DirectoryTrustedWriter } from './directory-trusted-writer';

const PERSON = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const NETWORK = '00000000-0000-4000-8000-0000000000aa';

const system: Actor = { ...anonymousActor('en'), requestId: 'seed:demo' };
const as = (personId: string, extra: Partial<Actor> = {}): Actor => ({
  ...anonymousActor('en'),
  personId,
  accountId: personId,
  ...extra,
});
const term = (personId: string): OpenTermArgs => ({
  networkId: NETWORK,
  personId,
  role: 'OBSERVER',
  memberState: null,
  startsOn: null,
  visibility: null,
  heldSeat: 'refuse',
  personFrom: 'consent',
});

/** The trusted writers check who says they may skip the visibility checks, before anything is written. */
describe('DirectoryTrustedWriter', () => {
  const calls: string[] = [];
  const writer = new DirectoryTrustedWriter(
    { open: async () => void calls.push('open') } as unknown as MembershipService,
    { updateNameAndLanguage: async () => void calls.push('rename') } as unknown as PersonService,
    { seed: async () => void calls.push('seed'), seedPartnership: async () => 0 } as unknown as NetworkService,
  );
  const tx = {} as never;

  beforeEach(() => calls.splice(0));

  it('opens a term for the person acting themself (an accepted invitation) or for the system (a seed)', async () => {
    await writer.openTerm(tx, as(PERSON), { as: 'self' }, term(PERSON));
    await writer.openTerm(tx, system, { as: 'system', by: 'seed:demo' }, term(PERSON));
    expect(calls).toEqual(['open', 'open']);
  });

  it('refuses a "self" write about someone else, and a "system" write by a person or an administrator', async () => {
    const attempts = [
      () => writer.openTerm(tx, as(OTHER), { as: 'self' }, term(PERSON)),
      () => writer.openTerm(tx, as(OTHER, { isAdmin: true }), { as: 'system', by: 'meetings' }, term(PERSON)),
      () => writer.openTerm(tx, system, { as: 'self' }, term(PERSON)),
      () => writer.updateNameAndLanguage(tx, as(OTHER), { as: 'self' }, PERSON, { name: 'X' }),
      () => writer.seedNetwork(tx, as(PERSON), { as: 'system', by: 'seed:demo' }, {} as never),
    ];
    for (const attempt of attempts) expect(() => attempt()).toThrow(/DirectoryTrustedWriter/);
    expect(calls).toEqual([]);
  });
});
