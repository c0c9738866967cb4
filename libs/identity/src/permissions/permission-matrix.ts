import { Actor, NetworkRole } from '@enlace/core';

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
  'MODERATE_CHANNEL',
  'READ_AUDIT_LOG',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a role's grant reaches:
 * - `NETWORK`: anything in a network where the actor holds the role;
 * - `OWN_STATE`: only for the member state the actor's membership is bound to;
 * - `ASSIGNED`: only where the actor is named (assigned trainer, action owner, invitee);
 * - `PERSONAL`: the actor's own items only (their own invitation).
 */
export type Reach = 'NETWORK' | 'OWN_STATE' | 'ASSIGNED' | 'PERSONAL';

/** Grants of the platform administrator (who belongs to no network as such). */
const ADMIN_GRANTS: ReadonlySet<Action> = new Set<Action>([
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

/** The matrix: role × action → reach. A missing cell is a denial. */
export const PERMISSION_MATRIX: Readonly<Record<NetworkRole, Partial<Record<Action, Reach>>>> = {
  SECRETARIAT: {
    MANAGE_NETWORK: 'NETWORK',
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'NETWORK',
    RUN_MEETINGS: 'NETWORK',
    EDIT_ACTION_PLAN: 'NETWORK',
    REPORT_PROGRESS: 'NETWORK',
    COMMENT_ON_PLAN: 'NETWORK',
    RUN_TRAININGS: 'NETWORK',
    NOMINATE_FOR_TRAINING: 'NETWORK',
    CREATE_CHANNEL: 'NETWORK',
    MODERATE_CHANNEL: 'NETWORK',
    READ_AUDIT_LOG: 'NETWORK',
  },
  FOCAL_POINT: {
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'PERSONAL',
    ANSWER_INVITATION: 'PERSONAL',
    SIGN_OFF_MINUTES: 'OWN_STATE',
    EDIT_ACTION_PLAN: 'OWN_STATE',
    REPORT_PROGRESS: 'OWN_STATE',
    COMMENT_ON_PLAN: 'NETWORK',
    NOMINATE_FOR_TRAINING: 'OWN_STATE',
  },
  ALTERNATE_FOCAL_POINT: {
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'PERSONAL',
    ANSWER_INVITATION: 'PERSONAL',
    SIGN_OFF_MINUTES: 'OWN_STATE',
    EDIT_ACTION_PLAN: 'OWN_STATE',
    REPORT_PROGRESS: 'OWN_STATE',
    COMMENT_ON_PLAN: 'NETWORK',
    NOMINATE_FOR_TRAINING: 'OWN_STATE',
  },
  CIVIL_SOCIETY: {
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'PERSONAL',
    ANSWER_INVITATION: 'PERSONAL',
    COMMENT_ON_PLAN: 'NETWORK',
  },
  TRAINER: {
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'PERSONAL',
    ANSWER_INVITATION: 'PERSONAL',
    RUN_TRAININGS: 'ASSIGNED',
  },
  OBSERVER: {
    READ_DIRECTORY: 'NETWORK',
    READ_CONTACT_DETAILS: 'PERSONAL',
    ANSWER_INVITATION: 'PERSONAL',
  },
};

/** Where an action is attempted. */
export interface ActionScope {
  readonly networkId: string;
  /** The member state the target belongs to (a plan's country, a minute's signing state). */
  readonly memberState?: string | null;
  /** True when the actor is named on the target (assigned trainer, action owner, invitee, contact owner). */
  readonly assigned?: boolean;
}

/**
 * May `actor` do `action` in `scope`? Deny by default: only a membership of the scope's network with
 * a role whose cell grants the action, within that cell's reach, allows it. `READ_CONTACT_DETAILS`
 * for the PERSONAL reach is further narrowed by each person's contact visibility (directory).
 */
export function can(actor: Actor, action: Action, scope: ActionScope): boolean {
  if (actor.isAdmin && ADMIN_GRANTS.has(action)) return true;
  return actor.memberships.some((m) => {
    if (m.networkId !== scope.networkId) return false;
    const reach = PERMISSION_MATRIX[m.role][action];
    switch (reach) {
      case 'NETWORK':
        return true;
      case 'OWN_STATE':
        return m.memberState !== null && scope.memberState === m.memberState;
      case 'ASSIGNED':
      case 'PERSONAL':
        return scope.assigned === true;
      default:
        return false;
    }
  });
}
