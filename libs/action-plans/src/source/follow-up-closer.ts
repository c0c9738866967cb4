import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, DomainError, isDomainError, Tx } from '@enlace/core';
import { MEETINGS_PORT, MeetingsPort } from './meetings.port';
import { SourceRepository } from './source.repository';

/**
 * Completing an action closes the follow-ups it cites with `closesFollowUp`, through the meetings'
 * own service (their checks: the meeting's organisers, or the assignee's focal point), inside the
 * action's transaction: both commit or neither. A follow-up the actor may not close refuses the
 * completion (`CONFLICT`, `action-plans:followUpNotClosable`), and nothing of it is written.
 */
@Injectable()
export class FollowUpCloser {
  constructor(
    private readonly sources: SourceRepository,
    @Optional() @Inject(MEETINGS_PORT) private readonly meetings: MeetingsPort | null,
  ) {}

  async closeFor(actor: Actor, actionId: string, tx: Tx): Promise<void> {
    if (!this.meetings) return;
    const open = await this.sources.followUpsToClose(tx, actionId);
    for (const followUp of open) {
      try {
        await this.meetings.closeFollowUp(actor, followUp.id, followUp.version, tx);
      } catch (error) {
        if (isDomainError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
          throw DomainError.conflict('action-plans:followUpNotClosable');
        }
        throw error;
      }
    }
  }
}
