import type { Actor, NetworkRole } from '../actor/actor';

/** Every action the matrix knows (SPEC §3). A new capability adds its actions here, never elsewhere. */
export const ACTIONS = [
  'MANAGE_NETWORK',
  'READ_DIRECTORY',
  'READ_CONTACT_DETAILS',
  'RUN_MEETINGS',
  'ANSWER_INVITATION',
  'SIGN_OFF_MINUTES',
  'EDIT_ACTION_PLAN',
  'REPORT_PROGRESS',
  'COMMENT_ON_PLAN',
  'RUN_TRAININGS',
  'NOMINATE_FOR_TRAINING',
  'CREATE_CHANNEL',
  'POST_IN_CHANNEL',
  'MODERATE_CHANNEL',
  'READ_AUDIT_LOG',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a role's grant reaches. A cell lists one or more reaches; any one of them is enough.
 *
 * Held in the scope's own network only:
 * - `NETWORK`: anything in a network where the actor holds the role;
 * - `OWN_STATE`: only for the member state the actor's membership is bound to.
 *
 * Held in the scope's network or in a network the target is shared with (`scope.sharedWith`: a joint
 * meeting's or channel's partner networks, the partners of the owner of a PARTNERS plan):
 * - `SHARED`: anything the caller has shown the actor can read (comment on a plan they can read);
 * - `ASSIGNED`: only where the actor is named on the target (assigned trainer, action owner, channel member);
 * - `PERSONAL`: the actor's own items only (their own invitation);
 * - `GRANTED`: only with an explicit grant on the target (an observer allowed to post in a channel);
 * - `VISIBLE`: only where the target's own visibility setting lets the actor in (a person's contact
 *   details, "per person's contact visibility").
 */
export type Reach = 'NETWORK' | 'OWN_STATE' | 'SHARED' | 'ASSIGNED' | 'PERSONAL' | 'GRANTED' | 'VISIBLE';

/** Grants of the platform administrator (who belongs to no network as such): everywhere, no reach. */
export const ADMIN_GRANTS: ReadonlySet<Action> = new Set<Action>([
  'MANAGE_NETWORK',
  'READ_DIRECTORY',
  'READ_CONTACT_DETAILS',
  'RUN_MEETINGS',
  'EDIT_ACTION_PLAN',
  'COMMENT_ON_PLAN',
  'RUN_TRAININGS',
  'CREATE_CHANNEL',
  'MODERATE_CHANNEL',
  'READ_AUDIT_LOG',
]);

type Cells = Partial<Record<Action, readonly Reach[]>>;

/** What every network role may do whatever else it holds. */
const EVERY_MEMBER: Cells = {
  READ_DIRECTORY: ['NETWORK'],
  READ_CONTACT_DETAILS: ['VISIBLE'],
  ANSWER_INVITATION: ['PERSONAL'],
  POST_IN_CHANNEL: ['ASSIGNED'],
};

const STATE_REPRESENTATIVE: Cells = {
  ...EVERY_MEMBER,
  SIGN_OFF_MINUTES: ['OWN_STATE'],
  EDIT_ACTION_PLAN: ['OWN_STATE'],
  REPORT_PROGRESS: ['OWN_STATE', 'ASSIGNED'],
  COMMENT_ON_PLAN: ['SHARED'],
  NOMINATE_FOR_TRAINING: ['OWN_STATE'],
};

/**
 * The matrix of SPEC §3: role × action → reaches. A missing cell is a denial. The unit test
 * (`permission-matrix.spec.ts`) checks every cell against a table written out by hand.
 */
export const PERMISSION_MATRIX: Readonly<Record<NetworkRole, Cells>> = {
  SECRETARIAT: {
    MANAGE_NETWORK: ['NETWORK'],
    READ_DIRECTORY: ['NETWORK'],
    READ_CONTACT_DETAILS: ['NETWORK', 'VISIBLE'],
    RUN_MEETINGS: ['NETWORK'],
    EDIT_ACTION_PLAN: ['NETWORK'],
    REPORT_PROGRESS: ['NETWORK'],
    COMMENT_ON_PLAN: ['SHARED'],
    RUN_TRAININGS: ['NETWORK'],
    NOMINATE_FOR_TRAINING: ['NETWORK'],
    CREATE_CHANNEL: ['NETWORK'],
    POST_IN_CHANNEL: ['ASSIGNED'],
    // Its own network's channels, and the joint channels a partner shares with it (`sharedWith`).
    MODERATE_CHANNEL: ['NETWORK', 'SHARED'],
    READ_AUDIT_LOG: ['NETWORK'],
  },
  FOCAL_POINT: STATE_REPRESENTATIVE,
  ALTERNATE_FOCAL_POINT: STATE_REPRESENTATIVE,
  CIVIL_SOCIETY: { ...EVERY_MEMBER, COMMENT_ON_PLAN: ['SHARED'] },
  TRAINER: { ...EVERY_MEMBER, RUN_TRAININGS: ['ASSIGNED'] },
  OBSERVER: { ...EVERY_MEMBER, POST_IN_CHANNEL: ['GRANTED'] },
};

/** Where an action is attempted. */
export interface ActionScope {
  /** The network that owns the target. */
  readonly networkId: string;
  /** Networks the target is shared with (joint meeting or channel, partners of a PARTNERS plan's owner). */
  readonly sharedWith?: readonly string[];
  /** The member state the target belongs to (a plan's country, a minute's signing state). */
  readonly memberState?: string | null;
  /** The actor is named on the target (assigned trainer, action owner, channel member). */
  readonly assigned?: boolean;
  /** The target is the actor's own (their invitation, their own contact details). */
  readonly own?: boolean;
  /** The target carries an explicit grant for the actor (an observer allowed to post). */
  readonly granted?: boolean;
  /** The target's own visibility setting lets the actor in (checked by the caller with `canSee`). */
  readonly visible?: boolean;
}

/**
 * May `actor` do `action` in `scope`? Deny by default: only the administrator's grants, or a current
 * membership whose role's cell grants the action within one of that cell's reaches, allow it.
 * Whether the actor may *see* the target at all is the visibility predicate's business (`canSee`,
 * `visibilitySql`); callers check it first and answer NOT_FOUND, then ask this for FORBIDDEN.
 */
export function can(actor: Actor, action: Action, scope: ActionScope): boolean {
  if (actor.isAdmin && ADMIN_GRANTS.has(action)) return true;
  return actor.memberships.some((m) => {
    const inOwner = m.networkId === scope.networkId;
    const inOwnerOrShared = inOwner || (scope.sharedWith ?? []).includes(m.networkId);
    return (PERMISSION_MATRIX[m.role][action] ?? []).some((reach) => {
      switch (reach) {
        case 'NETWORK':
          return inOwner;
        case 'OWN_STATE':
          return inOwner && m.memberState !== null && scope.memberState === m.memberState;
        case 'SHARED':
          return inOwnerOrShared;
        case 'ASSIGNED':
          return inOwnerOrShared && scope.assigned === true;
        case 'PERSONAL':
          return inOwnerOrShared && scope.own === true;
        case 'GRANTED':
          return inOwnerOrShared && scope.granted === true;
        case 'VISIBLE':
          return inOwnerOrShared && scope.visible === true;
        default:
          return false;
      }
    });
  });
}
