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
  /** Read-only from now on: the meeting was cancelled. */
  archive(tx: Tx, actor: Actor, channelId: string): Promise<void>;
}

/** The injection token apps/api provides (`useExisting: ChannelAudienceService`). */
export const MEETING_CHANNELS = Symbol.for('enlace.meetings.channels');
