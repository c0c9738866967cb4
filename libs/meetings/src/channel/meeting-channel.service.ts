import { Inject, Injectable } from '@nestjs/common';
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
 * channel. The port is required (a process that forgets it fails to start); one that says it wires
 * none (`NoMeetingChannelsModule`: a context's own tests, the outbox command) gets no channels, and
 * these calls do nothing.
 */
@Injectable()
export class MeetingChannelService {
  constructor(
    private readonly meetings: MeetingRepository,
    @Inject(MEETING_CHANNELS) private readonly port: MeetingChannels | null,
  ) {}

  /** The meeting's title changed: its channel is named after the new one (in the network's language). */
  async renamed(tx: Tx, actor: Actor, meeting: ChannelMeeting): Promise<void> {
    if (this.port && meeting.channelId) await this.port.rename(tx, actor, meeting.channelId, channelName(meeting));
  }

  async scheduled(tx: Tx, actor: Actor, meeting: ChannelMeeting): Promise<void> {
    if (!this.port || meeting.channelId) return;
    const channelId = await this.port.open(tx, actor, {
      networkId: meeting.networkId,
      name: channelName(meeting),
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

function channelName(meeting: Pick<ChannelMeeting, 'title' | 'networkLanguage'>): string {
  return resolveText(meeting.title, meeting.networkLanguage, meeting.networkLanguage)?.text ?? '';
}
