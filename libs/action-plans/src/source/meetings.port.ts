import type { Actor, Tx, Visibility } from '@enlace/core';

/**
 * What action plans need of meetings, which they may not import (a context imports core, the
 * directory and notifications only): the app composes an adapter over the meetings' services and
 * hands it to `ActionPlansModule.withMeetings`. Without one, citing a follow-up finds nothing.
 */
export interface MeetingsPort {
  /**
   * The meeting as the actor sees it (null when missing or hidden): its network, its visibility (the
   * audience of what is attached to it) and whether the actor runs it.
   */
  readableMeeting(
    actor: Actor,
    meetingId: string,
  ): Promise<{ networkId: string; visibility: Visibility; mayRun: boolean } | null>;
  /** May the actor read this meeting (its visibility, its invitees)? */
  canReadMeeting(actor: Actor, meetingId: string): Promise<boolean>;
  /**
   * Marks the follow-up DONE as the actor, with the meetings' own checks, in the caller's
   * transaction `tx` (so the action's change and the closing commit together); throws their DomainError.
   */
  closeFollowUp(actor: Actor, followUpId: string, expectedVersion: number, tx: Tx): Promise<void>;
}

export const MEETINGS_PORT = Symbol('MEETINGS_PORT');
