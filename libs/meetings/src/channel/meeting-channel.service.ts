import { Inject, Injectable, Optional } from '@nestjs/common';
import { Actor, resolveText, Tx } from '@enlace/core';
import type { MeetingRow } from '../meeting/meeting.entity';
import { MeetingRepository } from '../meeting/meeting.repository';
import { MEETING_CHANNELS, MeetingChannels } from './meeting-channel.port';

type ChannelMeeting = Pick<
  MeetingRow,
  'id' | 'networkId' | 'networkLanguage' | 'title' | 'partnerNetworkIds' | 'channelId'
>;

/**
 * Keeps a meeting's channel in step with its invitations, inside the transaction of each change:
 * opened with the invitees when the meeting is scheduled; an invitee added or removed with their
 * invitation (a delegation swaps the focal point for the alternate); the joint meeting's partners
 * named; archived (read-only) when the meeting is cancelled. A meeting never scheduled has no
 * channel. Without the port (a process that wires no channels, such as a context's own tests), the
 * meeting has no channel and these calls do nothing.
 */
@Injectable()
export class MeetingChannelService {
  constructor(
    private readonly meetings: MeetingRepository,
    @Optional() @Inject(MEETING_CHANNELS) private readonly port: MeetingChannels | null = null,
  ) {}

  async scheduled(tx: Tx, actor: Actor, meeting: ChannelMeeting): Promise<void> {
    if (!this.port || meeting.channelId) return;
    const channelId = await this.port.open(tx, actor, {
      networkId: meeting.networkId,
      name: resolveText(meeting.title, meeting.networkLanguage, meeting.networkLanguage)?.text ?? '',
      partnerNetworkIds: meeting.partnerNetworkIds,
      memberIds: await this.meetings.inviteeIds(tx, meeting.id),
    });
    await this.meetings.setChannel(tx, meeting.id, channelId);
  }

  async invited(tx: Tx, actor: Actor, meeting: ChannelMeeting, personIds: readonly string[]): Promise<void> {
    if (this.port && meeting.channelId && personIds.length > 0) {
      await this.port.add(tx, actor, meeting.channelId, personIds);
    }
  }

  async uninvited(tx: Tx, actor: Actor, meeting: ChannelMeeting, personIds: readonly string[]): Promise<void> {
    if (this.port && meeting.channelId && personIds.length > 0) {
      await this.port.remove(tx, actor, meeting.channelId, personIds);
    }
  }

  /** The alternate takes the focal point's place in the channel. */
  async delegated(tx: Tx, actor: Actor, meeting: ChannelMeeting, from: string, to: string): Promise<void> {
    await this.invited(tx, actor, meeting, [to]);
    await this.uninvited(tx, actor, meeting, [from]);
  }

  async partnersChanged(tx: Tx, actor: Actor, meeting: ChannelMeeting, partners: readonly string[]): Promise<void> {
    if (this.port && meeting.channelId) await this.port.setPartners(tx, actor, meeting.channelId, partners);
  }

  async cancelled(tx: Tx, actor: Actor, meeting: ChannelMeeting): Promise<void> {
    if (this.port && meeting.channelId) await this.port.archive(tx, actor, meeting.channelId);
  }
}
