import { Injectable } from '@nestjs/common';
import { MeetingsPort } from '@enlace/action-plans';
import { Actor, isDomainError, Tx, Visibility } from '@enlace/core';
import { DecisionService, MeetingService } from '@enlace/meetings';

/** Action plans' seam into meetings, composed here because a context may not import another. */
@Injectable()
export class MeetingsFollowUpAdapter implements MeetingsPort {
  constructor(
    private readonly meetings: MeetingService,
    private readonly decisions: DecisionService,
  ) {}

  async readableMeeting(
    actor: Actor,
    meetingId: string,
  ): Promise<{ networkId: string; visibility: Visibility; mayRun: boolean } | null> {
    try {
      const meeting = await this.meetings.get(actor, meetingId);
      return {
        networkId: meeting.networkId,
        visibility: meeting.visibility,
        mayRun: this.meetings.canRun(actor, meeting),
      };
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async canReadMeeting(actor: Actor, meetingId: string): Promise<boolean> {
    try {
      await this.meetings.get(actor, meetingId);
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
