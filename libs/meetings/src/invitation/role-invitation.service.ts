import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, anonymousActor, AuditRepository, DEFAULT_LANGUAGE, TransactionRunner, Tx } from '@enlace/core';
import { TermChange, TermHooks } from '@enlace/directory';
import { MeetingChannelService } from '../channel/meeting-channel.service';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MeetingService } from '../meeting/meeting.service';
import { RoleInvitationRepository } from './role-invitation.repository';

/** The daily re-resolution's actor: the system (no person), audited under its request id. */
const DAILY: Actor = { ...anonymousActor(DEFAULT_LANGUAGE), requestId: 'job:role-invitations' };

/** What one daily run changed: networks looked at, meetings changed, invitations added and removed. */
export interface TermsOfDayOutcome {
  readonly networks: number;
  readonly meetings: number;
  readonly added: number;
  readonly removed: number;
}

/**
 * Invitations to whole roles kept current (issue 11 item 4): the directory calls this inside the
 * transaction of every term change (`TermHooks`). For each meeting still ahead (DRAFT, or SCHEDULED
 * and not started) that invited a role of the network, the people whose terms changed are brought
 * in (a new focal point: an invitation, `meetingInvitation`, the channel) or taken out (a term that
 * ended: `meetingUninvited`, out of the channel). A delegated invitation is never taken out, and a
 * member state whose invitation its alternate holds gets no second one. A draft's invitees are
 * changed silently (nobody has heard of it yet). Terms dated for a later day are applied on that
 * day by the daily job (`keepTermsOfDay`); an erased person leaves what is ahead (`uninviteErased`).
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
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleInit(): void {
    this.hooks.subscribe((tx, actor, change) => this.keepCurrent(tx, actor, change).then(() => undefined));
    this.hooks.subscribeErasure((tx, actor, personId) => this.uninviteErased(tx, actor, personId));
  }

  /**
   * The daily job (`role-invitations`): the terms dated for the day of `slot` when they were written
   * (a designation starting that day, an end date falling on it) change the invitations now, as the
   * hook would have had they been written that day. Only terms beginning or ending on that very day
   * are looked at — a re-resolution of every holder would bring back people an organiser uninvited —
   * so a day on which no process ran at all is left to the next write touching those people. One
   * transaction per network, by the system; a statement count bounded per network and per changed
   * meeting (not per person). A second run of the same day finds nothing more to change.
   */
  async keepTermsOfDay(slot: Date, signal?: AbortSignal): Promise<TermsOfDayOutcome> {
    const changes = await this.transactions.run((tx) => this.roles.termsChangedOn(tx, slot));
    let meetings = 0;
    let added = 0;
    let removed = 0;
    for (const change of changes) {
      signal?.throwIfAborted();
      const outcome = await this.transactions.run((tx) => this.keepCurrent(tx, DAILY, change, slot));
      meetings += outcome.meetings;
      added += outcome.added;
      removed += outcome.removed;
    }
    return { networks: changes.length, meetings, added, removed };
  }

  /**
   * Erasure (`TermHooks.erased`): the person leaves every meeting still ahead that invited them,
   * whatever brought them in, and its channel — told nothing (their account goes in the same
   * transaction). Audited on each meeting as `uninviteErased`.
   */
  async uninviteErased(tx: Tx, actor: Actor, personId: string): Promise<void> {
    for (const meetingId of await this.roles.lockLiveMeetingsOf(tx, personId)) {
      const meeting = await this.meetingRows.findWritten(tx, meetingId, null);
      const removed = await this.roles.removeInvitees(tx, meetingId, [personId]);
      if (removed.length === 0) continue;
      await this.channel.uninvited(tx, actor, meeting, removed);
      await this.audit.record(tx, actor, {
        networkId: meeting.networkId,
        entityType: 'meeting',
        entityId: meetingId,
        action: 'uninviteErased',
        after: { removed },
      });
    }
  }

  async keepCurrent(
    tx: Tx,
    actor: Actor,
    change: TermChange,
    at: Date | null = null,
  ): Promise<{ meetings: number; added: number; removed: number }> {
    const outcome = { meetings: 0, added: 0, removed: 0 };
    const meetingIds = await this.roles.lockLiveMeetings(tx, change.networkId);
    if (meetingIds.length === 0) return outcome;
    const adds = await this.roles.toAdd(tx, meetingIds, change.networkId, change.personIds, at);
    const removes = await this.roles.toRemove(tx, meetingIds, change.personIds, at);
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
      outcome.meetings += 1;
      outcome.added += added.length;
      outcome.removed += removed.length;
    }
    return outcome;
  }
}
