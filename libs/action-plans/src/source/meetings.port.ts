import type { Actor, Tx, Visibility } from '@enlace/core';

/** A meeting as action plans see it through the port. */
export interface ReadableMeeting {
  readonly networkId: string;
  readonly visibility: Visibility;
  readonly mayRun: boolean;
}

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
  readableMeeting(actor: Actor, meetingId: string): Promise<ReadableMeeting | null>;
  /** `readableMeeting` for many at once (one statement), keyed by id; missing and hidden ones left out. */
  readableMeetings(actor: Actor, meetingIds: readonly string[]): Promise<ReadonlyMap<string, ReadableMeeting>>;
  /** May the actor read this meeting (its visibility, its invitees)? Read in `tx` when given. */
  canReadMeeting(actor: Actor, meetingId: string, tx?: Tx): Promise<boolean>;
  /**
   * Marks the follow-up DONE as the actor, with the meetings' own checks, in the caller's
   * transaction `tx` (so the action's change and the closing commit together); throws their DomainError.
   */
  closeFollowUp(actor: Actor, followUpId: string, expectedVersion: number, tx: Tx): Promise<void>;
}

export const MEETINGS_PORT = Symbol('MEETINGS_PORT');
