import { Global, Module } from '@nestjs/common';
import type { Actor, Tx } from '@enlace/core';

/**
 * What the meetings context asks of a meeting's channel (decision 0019). Meetings may not import
 * channels, nor channels meetings: meetings defines this port and apps/api fulfils it with the
 * channels context's `ChannelAudienceService` (`MEETING_CHANNELS`). Every call runs inside the
 * transaction of the invitation change that causes it.
 */
export interface MeetingChannels {
  /** Opens the meeting's channel (owner network, name, joint partners, members); returns its id. */
  open(
    tx: Tx,
    actor: Actor,
    channel: {
      readonly networkId: string;
      readonly name: string;
      readonly partnerNetworkIds: readonly string[];
      readonly memberIds: readonly string[];
    },
  ): Promise<string>;
  add(tx: Tx, actor: Actor, channelId: string, personIds: readonly string[]): Promise<unknown>;
  /** Removed members' open sockets leave the channel's room once `tx` commits. */
  remove(tx: Tx, actor: Actor, channelId: string, personIds: readonly string[]): Promise<unknown>;
  setPartners(tx: Tx, actor: Actor, channelId: string, partnerNetworkIds: readonly string[]): Promise<void>;
  /** The meeting was renamed: the channel takes its new title. */
  rename(tx: Tx, actor: Actor, channelId: string, name: string): Promise<void>;
  /** Read-only from now on: the meeting was cancelled. */
  archive(tx: Tx, actor: Actor, channelId: string): Promise<void>;
}

/**
 * The injection token every process that composes the meetings module provides (apps/api and
 * apps/worker: `useExisting: ChannelAudienceService`). It is required: a process that leaves it out
 * fails to start instead of changing invitations without their channel. A process that changes no
 * invitations and wires no channels (a context's own tests, the outbox command) provides `null`
 * explicitly (`NoMeetingChannelsModule`).
 */
export const MEETING_CHANNELS = Symbol.for('enlace.meetings.channels');

/**
 * Says, for a process that changes no invitations (the outbox command, a context's own tests), that
 * it wires no meeting channels: `MEETING_CHANNELS` is `null` and meetings have no channel. An app that
 * lets people change invitations provides the real port instead (decision 0019).
 */
@Global()
@Module({ providers: [{ provide: MEETING_CHANNELS, useValue: null }], exports: [MEETING_CHANNELS] })
export class NoMeetingChannelsModule {}
