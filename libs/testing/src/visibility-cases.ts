import { Actor, anonymousActor, NetworkRole, Visibility } from '../../core/src'; // relative, like test-database.ts

/*
 * The cells of SPEC §3's visibility rules, shared by the unit test of `canSee` and the integration
 * test of `visibilitySql` (libs/core/src/actor). The expected table is written out by hand.
 */

const OWNER = '00000000-0000-4000-8000-0000000000a1';
const PARTNER = '00000000-0000-4000-8000-0000000000a2';
const OTHER = '00000000-0000-4000-8000-0000000000a3';
const PARTICIPANT = '10000000-0000-4000-8000-0000000000ff';

function person(n: number): string {
  return `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function member(n: number, networkId: string, role: NetworkRole, partners: string[] = []): Actor {
  return {
    personId: person(n),
    accountId: person(n),
    sessionId: null,
    isAdmin: false,
    memberships: [
      { networkId, role, memberState: role === 'FOCAL_POINT' || role === 'ALTERNATE_FOCAL_POINT' ? 'PY' : null },
    ],
    partnerNetworkIds: partners,
    lang: 'en',
  };
}

/** Every kind of caller of SPEC §3, against a record owned by OWNER (partner of PARTNER) with one participant. */
export const VIEWERS: Record<string, Actor> = {
  admin: { ...anonymousActor('en'), personId: person(1), accountId: person(1), isAdmin: true },
  'own SECRETARIAT': member(2, OWNER, 'SECRETARIAT', [PARTNER]),
  'own FOCAL_POINT': member(3, OWNER, 'FOCAL_POINT', [PARTNER]),
  'own ALTERNATE_FOCAL_POINT': member(4, OWNER, 'ALTERNATE_FOCAL_POINT', [PARTNER]),
  'own CIVIL_SOCIETY': member(5, OWNER, 'CIVIL_SOCIETY', [PARTNER]),
  'own TRAINER': member(6, OWNER, 'TRAINER', [PARTNER]),
  'own OBSERVER': member(7, OWNER, 'OBSERVER', [PARTNER]),
  'partner CIVIL_SOCIETY': member(8, PARTNER, 'CIVIL_SOCIETY', [OWNER]),
  'partner SECRETARIAT': member(9, PARTNER, 'SECRETARIAT', [OWNER]),
  'other-network SECRETARIAT': member(10, OTHER, 'SECRETARIAT'),
  anonymous: anonymousActor('en'),
  participant: { ...anonymousActor('en'), personId: PARTICIPANT, accountId: PARTICIPANT },
};

/** SPEC §3's visibility rules, written out by hand: who sees a record of each visibility. */
export const EXPECTED_VISIBILITY: Record<Visibility, string[]> = {
  PUBLIC: Object.keys(VIEWERS),
  PARTNERS: [
    'admin',
    'own SECRETARIAT',
    'own FOCAL_POINT',
    'own ALTERNATE_FOCAL_POINT',
    'own CIVIL_SOCIETY',
    'own TRAINER',
    'own OBSERVER',
    'partner CIVIL_SOCIETY',
    'partner SECRETARIAT',
    'participant',
  ],
  NETWORK: [
    'admin',
    'own SECRETARIAT',
    'own FOCAL_POINT',
    'own ALTERNATE_FOCAL_POINT',
    'own CIVIL_SOCIETY',
    'own TRAINER',
    'own OBSERVER',
    'participant',
  ],
  RESTRICTED: ['own SECRETARIAT', 'participant'],
};

export const VISIBILITY_FIXTURE = { OWNER, PARTNER, OTHER, PARTICIPANT };
