import { Injectable } from '@nestjs/common';
import { MeetingsPort, ReadableMeeting } from '@enlace/action-plans';
import { Actor, isDomainError, Tx } from '@enlace/core';
import { DecisionService, MeetingRow, MeetingService } from '@enlace/meetings';

/** Action plans' seam into meetings, composed here because a context may not import another. */
@Injectable()
export class MeetingsFollowUpAdapter implements MeetingsPort {
  constructor(
    private readonly meetings: MeetingService,
    private readonly decisions: DecisionService,
  ) {}

  async readableMeeting(actor: Actor, meetingId: string): Promise<ReadableMeeting | null> {
    try {
      return this.seen(actor, await this.meetings.get(actor, meetingId));
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async readableMeetings(actor: Actor, meetingIds: readonly string[]): Promise<ReadonlyMap<string, ReadableMeeting>> {
    const rows = await this.meetings.getMany(actor, meetingIds);
    return new Map(rows.map((m) => [m.id, this.seen(actor, m)]));
  }

  private seen(actor: Actor, meeting: MeetingRow): ReadableMeeting {
    return {
      networkId: meeting.networkId,
      visibility: meeting.visibility,
      mayRun: this.meetings.canRun(actor, meeting),
    };
  }

  async canReadMeeting(actor: Actor, meetingId: string, tx?: Tx): Promise<boolean> {
    try {
      await this.meetings.get(actor, meetingId, tx);
      return true;
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  async closeFollowUp(actor: Actor, followUpId: string, expectedVersion: number, tx: Tx): Promise<void> {
    await this.decisions.setFollowUpStatus(actor, { followUpId, expectedVersion, status: 'DONE' }, tx);
  }
}
