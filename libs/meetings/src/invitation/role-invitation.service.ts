import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, AuditRepository, Tx } from '@enlace/core';
import { TermChange, TermHooks } from '@enlace/directory';
import { MeetingChannelService } from '../channel/meeting-channel.service';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MeetingService } from '../meeting/meeting.service';
import { RoleInvitationRepository } from './role-invitation.repository';

/**
 * Invitations to whole roles kept current (issue 11 item 4): the directory calls this inside the
 * transaction of every term change (`TermHooks`). For each meeting still ahead (DRAFT, or SCHEDULED
 * and not started) that invited a role of the network, the people whose terms changed are brought
 * in (a new focal point: an invitation, `meetingInvitation`, the channel) or taken out (a term that
 * ended: `meetingUninvited`, out of the channel). A delegated invitation is never taken out, and a
 * member state whose invitation its alternate holds gets no second one. A draft's invitees are
 * changed silently (nobody has heard of it yet).
 */
@Injectable()
export class RoleInvitationService implements OnModuleInit {
  constructor(
    private readonly hooks: TermHooks,
    private readonly roles: RoleInvitationRepository,
    private readonly meetingRows: MeetingRepository,
    private readonly meetings: MeetingService,
    private readonly channel: MeetingChannelService,
    private readonly audit: AuditRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.subscribe((tx, actor, change) => this.keepCurrent(tx, actor, change));
  }

  async keepCurrent(tx: Tx, actor: Actor, change: TermChange): Promise<void> {
    const meetingIds = await this.roles.lockLiveMeetings(tx, change.networkId);
    if (meetingIds.length === 0) return;
    const adds = await this.roles.toAdd(tx, meetingIds, change.networkId, change.personIds);
    const removes = await this.roles.toRemove(tx, meetingIds, change.personIds);
    for (const meetingId of meetingIds) {
      const joining = adds.filter((a) => a.meetingId === meetingId);
      const leaving = removes.filter((r) => r.meetingId === meetingId).map((r) => r.personId);
      if (joining.length === 0 && leaving.length === 0) continue;
      const meeting = await this.meetingRows.findWritten(tx, meetingId, null);
      const added = await this.meetingRows.addInvitees(
        tx,
        meetingId,
        joining.map((a) => ({ personId: a.personId, viaRole: a.role })),
        null,
      );
      const removed = await this.roles.removeInvitees(tx, meetingId, leaving);
      await this.channel.invited(tx, actor, meeting, added);
      await this.channel.uninvited(tx, actor, meeting, removed);
      if (meeting.status === 'SCHEDULED') {
        await this.meetings.announce(tx, meeting, 'meetingInvitation', await this.meetingRows.languageOf(tx, added));
        await this.meetings.announce(tx, meeting, 'meetingUninvited', await this.meetingRows.languageOf(tx, removed));
      }
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting',
        entityId: meetingId,
        action: 'keepRoleInvitations',
        after: { networkId: change.networkId, added, removed },
      });
    }
  }
}
