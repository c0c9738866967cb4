import { Actor, anonymousActor, NETWORK_ROLES, NetworkRole } from '../actor/actor';
import { Action, ACTIONS, ActionScope, can } from './permission-matrix';

/*
 * SPEC §3's table, written out by hand cell by cell (never derived from PERMISSION_MATRIX). The actor
 * holds one role in network OWN (bound to member state PY for focal points and alternates). Each
 * action is tried in 3 networks × 7 kinds of target:
 * - networks: `own` (the actor's), `other` (unrelated), `shared` (another network's target that is
 *   shared with the actor's network: joint meeting/channel, partners' plan);
 * - targets: `plain` (nothing special), `ownState` (PY), `otherState` (AR), `assigned` (actor named on
 *   it), `personal` (the actor's own), `granted` (explicit grant), `visible` (its own visibility lets
 *   the actor in).
 */
const NETWORKS = ['own', 'other', 'shared'] as const;
const TARGETS = ['plain', 'ownState', 'otherState', 'assigned', 'personal', 'granted', 'visible'] as const;
type Cell = `${(typeof NETWORKS)[number]}.${(typeof TARGETS)[number]}`;

const OWN = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const SHARED = '00000000-0000-4000-8000-000000000003';

function scopeOf(cell: Cell): ActionScope {
  const [network, target] = cell.split('.') as [(typeof NETWORKS)[number], (typeof TARGETS)[number]];
  const base: ActionScope =
    network === 'own'
      ? { networkId: OWN }
      : network === 'other'
        ? { networkId: OTHER, sharedWith: [SHARED] }
        : { networkId: SHARED, sharedWith: [OWN] };
  switch (target) {
    case 'plain':
      return base;
    case 'ownState':
      return { ...base, memberState: 'PY' };
    case 'otherState':
      return { ...base, memberState: 'AR' };
    case 'assigned':
      return { ...base, assigned: true };
    case 'personal':
      return { ...base, own: true };
    case 'granted':
      return { ...base, granted: true };
    case 'visible':
      return { ...base, visible: true };
  }
}

const ALL_CELLS: Cell[] = NETWORKS.flatMap((n) => TARGETS.map((t) => `${n}.${t}` as Cell));
/** Every target in one network: shorthand for "✓ in that network whatever the target". */
const everything = (network: (typeof NETWORKS)[number]): Cell[] => TARGETS.map((t) => `${network}.${t}` as Cell);

type Expected = Record<Action, Cell[]>;

const SECRETARIAT: Expected = {
  MANAGE_NETWORK: everything('own'),
  READ_DIRECTORY: everything('own'),
  READ_CONTACT_DETAILS: [...everything('own'), 'shared.visible'],
  RUN_MEETINGS: everything('own'),
  ANSWER_INVITATION: [],
  SIGN_OFF_MINUTES: [],
  EDIT_ACTION_PLAN: everything('own'),
  REPORT_PROGRESS: everything('own'),
  COMMENT_ON_PLAN: [...everything('own'), ...everything('shared')],
  RUN_TRAININGS: everything('own'),
  NOMINATE_FOR_TRAINING: everything('own'),
  CREATE_CHANNEL: everything('own'),
  POST_IN_CHANNEL: ['own.assigned', 'shared.assigned'],
  // A partner network's secretariat moderates the joint channels shared with it (issue 14).
  MODERATE_CHANNEL: [...everything('own'), ...everything('shared')],
  READ_AUDIT_LOG: everything('own'),
};

const FOCAL_POINT: Expected = {
  MANAGE_NETWORK: [],
  READ_DIRECTORY: everything('own'),
  READ_CONTACT_DETAILS: ['own.visible', 'shared.visible'],
  RUN_MEETINGS: [],
  ANSWER_INVITATION: ['own.personal', 'shared.personal'],
  SIGN_OFF_MINUTES: ['own.ownState'],
  EDIT_ACTION_PLAN: ['own.ownState'],
  REPORT_PROGRESS: ['own.ownState', 'own.assigned', 'shared.assigned'],
  COMMENT_ON_PLAN: [...everything('own'), ...everything('shared')],
  RUN_TRAININGS: [],
  NOMINATE_FOR_TRAINING: ['own.ownState'],
  CREATE_CHANNEL: [],
  POST_IN_CHANNEL: ['own.assigned', 'shared.assigned'],
  MODERATE_CHANNEL: [],
  READ_AUDIT_LOG: [],
};

const CIVIL_SOCIETY: Expected = {
  MANAGE_NETWORK: [],
  READ_DIRECTORY: everything('own'),
  READ_CONTACT_DETAILS: ['own.visible', 'shared.visible'],
  RUN_MEETINGS: [],
  ANSWER_INVITATION: ['own.personal', 'shared.personal'],
  SIGN_OFF_MINUTES: [],
  EDIT_ACTION_PLAN: [],
  REPORT_PROGRESS: [],
  COMMENT_ON_PLAN: [...everything('own'), ...everything('shared')],
  RUN_TRAININGS: [],
  NOMINATE_FOR_TRAINING: [],
  CREATE_CHANNEL: [],
  POST_IN_CHANNEL: ['own.assigned', 'shared.assigned'],
  MODERATE_CHANNEL: [],
  READ_AUDIT_LOG: [],
};

const TRAINER: Expected = {
  MANAGE_NETWORK: [],
  READ_DIRECTORY: everything('own'),
  READ_CONTACT_DETAILS: ['own.visible', 'shared.visible'],
  RUN_MEETINGS: [],
  ANSWER_INVITATION: ['own.personal', 'shared.personal'],
  SIGN_OFF_MINUTES: [],
  EDIT_ACTION_PLAN: [],
  REPORT_PROGRESS: [],
  COMMENT_ON_PLAN: [],
  RUN_TRAININGS: ['own.assigned', 'shared.assigned'],
  NOMINATE_FOR_TRAINING: [],
  CREATE_CHANNEL: [],
  POST_IN_CHANNEL: ['own.assigned', 'shared.assigned'],
  MODERATE_CHANNEL: [],
  READ_AUDIT_LOG: [],
};

const OBSERVER: Expected = {
  MANAGE_NETWORK: [],
  READ_DIRECTORY: everything('own'),
  READ_CONTACT_DETAILS: ['own.visible', 'shared.visible'],
  RUN_MEETINGS: [],
  ANSWER_INVITATION: ['own.personal', 'shared.personal'],
  SIGN_OFF_MINUTES: [],
  EDIT_ACTION_PLAN: [],
  REPORT_PROGRESS: [],
  COMMENT_ON_PLAN: [],
  RUN_TRAININGS: [],
  NOMINATE_FOR_TRAINING: [],
  CREATE_CHANNEL: [],
  POST_IN_CHANNEL: ['own.granted', 'shared.granted'],
  MODERATE_CHANNEL: [],
  READ_AUDIT_LOG: [],
};

const EXPECTED_BY_ROLE: Record<NetworkRole, Expected> = {
  SECRETARIAT,
  FOCAL_POINT,
  ALTERNATE_FOCAL_POINT: FOCAL_POINT,
  CIVIL_SOCIETY,
  TRAINER,
  OBSERVER,
};

/** The administrator belongs to no network: ✓ everywhere for the table's admin column, – elsewhere. */
const ADMIN: Expected = {
  MANAGE_NETWORK: ALL_CELLS,
  READ_DIRECTORY: ALL_CELLS,
  READ_CONTACT_DETAILS: ALL_CELLS,
  RUN_MEETINGS: ALL_CELLS,
  ANSWER_INVITATION: [],
  SIGN_OFF_MINUTES: [],
  EDIT_ACTION_PLAN: ALL_CELLS,
  REPORT_PROGRESS: [],
  COMMENT_ON_PLAN: ALL_CELLS,
  RUN_TRAININGS: ALL_CELLS,
  NOMINATE_FOR_TRAINING: [],
  CREATE_CHANNEL: ALL_CELLS,
  POST_IN_CHANNEL: [],
  MODERATE_CHANNEL: ALL_CELLS,
  READ_AUDIT_LOG: ALL_CELLS,
};

function actorWith(memberships: Actor['memberships'], isAdmin = false): Actor {
  return {
    personId: '10000000-0000-4000-8000-000000000001',
    accountId: '20000000-0000-4000-8000-000000000001',
    sessionId: '30000000-0000-4000-8000-000000000001',
    isAdmin,
    memberships,
    partnerNetworkIds: [],
    lang: 'en',
  };
}

function roleActor(role: NetworkRole): Actor {
  const stateBound = role === 'FOCAL_POINT' || role === 'ALTERNATE_FOCAL_POINT';
  return actorWith([{ networkId: OWN, role, memberState: stateBound ? 'PY' : null }]);
}

function cellsOf(expected: Expected): Array<[Action, Cell, boolean]> {
  return ACTIONS.flatMap((action) =>
    ALL_CELLS.map((cell) => [action, cell, expected[action].includes(cell)] as [Action, Cell, boolean]),
  );
}

describe('permission matrix (SPEC §3), cell by cell', () => {
  it('the expected table covers every action for every role', () => {
    for (const role of NETWORK_ROLES) expect(Object.keys(EXPECTED_BY_ROLE[role]).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(ADMIN).sort()).toEqual([...ACTIONS].sort());
  });

  describe.each(NETWORK_ROLES.map((role) => [role]))('%s', (role) => {
    const actor = roleActor(role);
    it.each(cellsOf(EXPECTED_BY_ROLE[role]))('%s in %s → %s', (action, cell, allowed) => {
      expect(can(actor, action, scopeOf(cell))).toBe(allowed);
    });
  });

  describe('platform administrator', () => {
    const admin = actorWith([], true);
    it.each(cellsOf(ADMIN))('%s in %s → %s', (action, cell, allowed) => {
      expect(can(admin, action, scopeOf(cell))).toBe(allowed);
    });
  });

  describe('anonymous caller', () => {
    const anonymous = anonymousActor('en');
    const nothing = Object.fromEntries(ACTIONS.map((action) => [action, []])) as unknown as Expected;
    it.each(cellsOf(nothing))('%s in %s → %s', (action, cell, allowed) => {
      expect(can(anonymous, action, scopeOf(cell))).toBe(allowed);
    });
  });

  describe('several memberships', () => {
    it('a role held in one network grants nothing in another', () => {
      const actor = actorWith([
        { networkId: OTHER, role: 'SECRETARIAT', memberState: null },
        { networkId: OWN, role: 'OBSERVER', memberState: null },
      ]);
      expect(can(actor, 'MANAGE_NETWORK', { networkId: OTHER })).toBe(true);
      expect(can(actor, 'MANAGE_NETWORK', { networkId: OWN })).toBe(false);
      expect(can(actor, 'READ_AUDIT_LOG', { networkId: OWN })).toBe(false);
    });

    it('a focal point’s member state is the one of that network’s membership', () => {
      const actor = actorWith([
        { networkId: OWN, role: 'FOCAL_POINT', memberState: 'PY' },
        { networkId: OTHER, role: 'FOCAL_POINT', memberState: 'AR' },
      ]);
      expect(can(actor, 'EDIT_ACTION_PLAN', { networkId: OWN, memberState: 'PY' })).toBe(true);
      expect(can(actor, 'EDIT_ACTION_PLAN', { networkId: OWN, memberState: 'AR' })).toBe(false);
      expect(can(actor, 'EDIT_ACTION_PLAN', { networkId: OTHER, memberState: 'AR' })).toBe(true);
      expect(can(actor, 'EDIT_ACTION_PLAN', { networkId: OTHER, memberState: 'PY' })).toBe(false);
    });

    it('an administrator who is also an observer keeps the administrator’s grants, and gains the role’s', () => {
      const actor = actorWith([{ networkId: OWN, role: 'OBSERVER', memberState: null }], true);
      expect(can(actor, 'MANAGE_NETWORK', { networkId: OTHER })).toBe(true);
      expect(can(actor, 'ANSWER_INVITATION', { networkId: OWN, own: true })).toBe(true);
      expect(can(actor, 'ANSWER_INVITATION', { networkId: OTHER, own: true })).toBe(false);
    });
  });
});
