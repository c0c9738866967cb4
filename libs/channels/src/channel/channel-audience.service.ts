import { Injectable } from '@nestjs/common';
import { Actor, AuditRepository, LiveBus, Tx } from '@enlace/core';
import { CHANNEL_NAME_MAX_LENGTH } from '../channels-rules';
import { channelView } from './channel.entity';
import { ChannelRepository } from './channel.repository';

/** A meeting channel to open: the owner network, its name, the joint meeting's partners, the invitees. */
export interface AudienceChannel {
  readonly networkId: string;
  readonly name: string;
  readonly partnerNetworkIds: readonly string[];
  readonly memberIds: readonly string[];
}

/**
 * Channels whose audience another context keeps (kind `MEETING`, decision 0019): the meetings context
 * decides who may be in them — the meeting's invitees — and calls these methods inside the
 * transaction of the invitation change, through the port apps/api wires (channels never import
 * meetings, meetings never import channels). The caller has made the checks (RUN_MEETINGS, the
 * invitees' visibility); here only the channel's own rules hold: the kind, the name, the audit, and
 * the sockets of removed members leaving the room once the change commits.
 */
@Injectable()
export class ChannelAudienceService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
  ) {}

  async open(tx: Tx, actor: Actor, channel: AudienceChannel): Promise<string> {
    const name = channelName(channel.name);
    const id = await this.channels.insert(tx, {
      networkId: channel.networkId,
      kind: 'MEETING',
      visibility: 'RESTRICTED',
      name,
      language: null,
      retentionDays: null,
      createdBy: actor.personId,
    });
    const partners = [...new Set(channel.partnerNetworkIds)];
    const members = [...new Set(channel.memberIds)];
    await this.channels.addPartners(tx, id, partners);
    await this.channels.addMembers(tx, id, members);
    await this.audit.record(tx, actor, {
      networkId: channel.networkId,
      entityType: 'channel',
      entityId: id,
      action: 'create',
      after: { kind: 'MEETING', name, memberIds: members, partnerNetworkIds: partners },
    });
    return id;
  }

  async add(tx: Tx, actor: Actor, channelId: string, personIds: readonly string[]): Promise<string[]> {
    const networkId = await this.require(tx, channelId);
    const added = await this.channels.addMembers(tx, channelId, [...new Set(personIds)]);
    if (added.length > 0) {
      await this.audit.record(tx, actor, {
        networkId,
        entityType: 'channel',
        entityId: channelId,
        action: 'addMember',
        after: { personIds: added },
      });
    }
    return added;
  }

  /** Takes people out; once `tx` commits their open sockets leave the room and hear `channel:removed`. */
  async remove(tx: Tx, actor: Actor, channelId: string, personIds: readonly string[]): Promise<string[]> {
    const networkId = await this.require(tx, channelId);
    const removed = await this.channels.removeMembers(tx, channelId, [...new Set(personIds)]);
    if (removed.length === 0) return removed;
    await this.audit.record(tx, actor, {
      networkId,
      entityType: 'channel',
      entityId: channelId,
      action: 'removeMember',
      before: { personIds: removed },
    });
    for (const personId of removed) {
      this.live.publish({ kind: 'leave', personId, channelId }, tx);
      this.live.toPerson(personId, 'channel:removed', { channelId }, tx);
    }
    return removed;
  }

  /** The joint meeting's partners changed: the channel names the same ones (members re-checked live). */
  async setPartners(tx: Tx, actor: Actor, channelId: string, partnerNetworkIds: readonly string[]): Promise<void> {
    const networkId = await this.require(tx, channelId);
    const partners = [...new Set(partnerNetworkIds)];
    await this.channels.setPartners(tx, channelId, partners);
    await this.channels.update(tx, channelId, {});
    await this.audit.record(tx, actor, {
      networkId,
      entityType: 'channel',
      entityId: channelId,
      action: 'setPartners',
      after: { partnerNetworkIds: partners },
    });
    for (const memberId of await this.channels.memberIds(tx, channelId)) {
      this.live.publish({ kind: 'revalidate', target: { personId: memberId } }, tx);
    }
  }

  /** The meeting was renamed: the channel's name follows (its moderators may still rename it after). */
  async rename(tx: Tx, actor: Actor, channelId: string, title: string): Promise<void> {
    const networkId = await this.require(tx, channelId);
    const before = await this.channels.findById(tx, channelId);
    const name = channelName(title);
    if (!before || before.name === name) return;
    await this.channels.update(tx, channelId, { name });
    await this.audit.record(tx, actor, {
      networkId,
      entityType: 'channel',
      entityId: channelId,
      action: 'update',
      before: { name: before.name },
      after: { name },
    });
    const channel = await this.channels.findById(tx, channelId);
    if (channel) this.live.toChannel(channelId, 'channel:updated', channelView(channel), tx);
  }

  /** Read-only from now on (the meeting was cancelled): history stays readable to its members. */
  async archive(tx: Tx, actor: Actor, channelId: string): Promise<void> {
    const networkId = await this.require(tx, channelId);
    await this.channels.update(tx, channelId, { archived: true });
    await this.audit.record(tx, actor, {
      networkId,
      entityType: 'channel',
      entityId: channelId,
      action: 'archive',
      before: { archived: false },
      after: { archived: true },
    });
    const channel = await this.channels.findById(tx, channelId);
    if (channel) this.live.toChannel(channelId, 'channel:updated', channelView(channel), tx);
  }

  /** The channel's owner network, locked; a channel of another kind is a programming error. */
  private async require(tx: Tx, channelId: string): Promise<string> {
    const row = await this.channels.ownerOf(tx, channelId);
    if (!row || row.kind !== 'MEETING') throw new Error(`channel ${channelId} is not a meeting channel`);
    return row.networkId;
  }
}

/** The meeting's title as a channel name: trimmed, at most CHANNEL_NAME_MAX_LENGTH characters. */
function channelName(title: string): string {
  const chars = [...title.trim().replace(/\s+/g, ' ')];
  const name = chars.slice(0, CHANNEL_NAME_MAX_LENGTH).join('').trim();
  return name === '' ? '—' : name;
}
