import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Actor } from '@enlace/core';
import { MEETINGS_PORT, MeetingsPort } from './meetings.port';
import { SourceRepository } from './source.repository';

/**
 * Completing an action closes the follow-ups it cites with `closesFollowUp`, through the meetings'
 * own service (their checks: the meeting's organisers, or the assignee's focal point). It runs once
 * the action's change has committed, as the actor; a follow-up the actor may not close stays OPEN
 * (the citation shows its status) and the refusal is logged, never undoing the report.
 */
@Injectable()
export class FollowUpCloser {
  private readonly logger = new Logger('ActionPlans');

  constructor(
    private readonly sources: SourceRepository,
    @Optional() @Inject(MEETINGS_PORT) private readonly meetings: MeetingsPort | null,
  ) {}

  async closeFor(actor: Actor, actionId: string): Promise<void> {
    if (!this.meetings) return;
    const open = await this.sources.followUpsToClose(null, actionId);
    for (const followUp of open) {
      try {
        await this.meetings.closeFollowUp(actor, followUp.id, followUp.version);
      } catch (error) {
        this.logger.warn(`follow-up ${followUp.id} stays open after action ${actionId} was done: ${String(error)}`);
      }
    }
  }
}
