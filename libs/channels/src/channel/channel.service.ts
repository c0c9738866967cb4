import { Injectable } from '@nestjs/common';
import {
  Actor,
  AuditRepository,
  can,
  cursorKey,
  DomainError,
  FieldError,
  isUuid,
  LiveBus,
  memberNetworkIds,
  Page,
  pageRequest,
  requirePerson,
  throwIfAny,
  toPage,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import { checkLanguage, checkName, checkRetention, MAX_MUTE_MINUTES } from '../channels-rules';
import {
  CHANNEL_KINDS,
  ChannelAccessRow,
  ChannelKind,
  ChannelRow,
  channelView,
  ChannelView,
  MyChannelRow,
} from './channel.entity';
import { ChannelRepository } from './channel.repository';

export interface CreateChannelCommand {
  readonly networkId: string;
  readonly kind: string;
  readonly name: string;
  /** Working group and direct channels: the named members (the creator is always one). */
  readonly memberIds?: readonly string[] | null;
  /** Joint channels: the partner networks it is shared with. */
  readonly partnerNetworkIds?: readonly string[] | null;
  readonly retentionDays?: number | null;
  /** The language messages are searched in; the network's default language when omitted. */
  readonly language?: string | null;
}

export interface UpdateChannelCommand {
  readonly channelId: string;
  readonly name?: string | null;
  readonly language?: string | null;
  /** Days after which messages are purged; `null` keeps them (only when `clearRetention`). */
  readonly retentionDays?: number | null;
  readonly clearRetention?: boolean | null;
}

const VISIBILITY_OF: Record<ChannelKind, ChannelRow['visibility']> = {
  NETWORK: 'NETWORK',
  JOINT: 'PARTNERS',
  GROUP: 'RESTRICTED',
  DIRECT: 'RESTRICTED',
  MEETING: 'RESTRICTED',
};

/**
 * Channels: who may read them (the repository's predicate), who may manage them (CREATE_CHANNEL in
 * the owning network: its secretariat, administrators), and each reader's standing (read marker,
 * mute). Changes commit first, then go live through the LiveBus.
 */
@Injectable()
export class ChannelService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly live: LiveBus,
  ) {}

  /** The channel if `actor` may read it; NOT_FOUND otherwise (the same as a channel that does not exist). */
  async access(actor: Actor, channelId: unknown, tx?: Tx, lock = false): Promise<ChannelAccessRow> {
    requirePerson(actor);
    if (!isUuid(channelId)) throw DomainError.notFound();
    const access = await this.channels.findReadable(actor, channelId, tx, lock);
    if (!access) throw DomainError.notFound();
    return access;
  }

  /** May `actor` post in this channel (SPEC §3: members of the channel; observers only with a grant)? */
  canPost(actor: Actor, access: ChannelAccessRow): boolean {
    const { channel } = access;
    const member = channel.kind === 'NETWORK' || channel.kind === 'JOINT' || access.namedMember;
    return can(actor, 'POST_IN_CHANNEL', {
      networkId: channel.networkId,
      // A joint channel is shared with the partners it names; a working group or a direct channel with
      // the owner's partners, whose members take part only where named; a meeting's with both.
      sharedWith:
        channel.kind === 'JOINT'
          ? channel.partnerNetworkIds
          : channel.kind === 'MEETING'
            ? [...new Set([...channel.partnerNetworkIds, ...channel.ownerPartnerIds])]
            : channel.ownerPartnerIds,
      assigned: member,
      granted: access.namedMember && access.postGrant,
    });
  }

  /**
   * Moderation (delete any message, mute, pin, read edit history): the owning network's secretariat,
   * and the secretariat of a partner network a joint channel is shared with.
   */
  canModerate(actor: Actor, channel: ChannelRow): boolean {
    const sharedWith = channel.kind === 'JOINT' || channel.kind === 'MEETING' ? channel.partnerNetworkIds : [];
    return can(actor, 'MODERATE_CHANNEL', { networkId: channel.networkId, sharedWith });
  }

  /** Posting checks shared by every write: readable, not archived, allowed to post, not muted. */
  async requirePostable(actor: Actor, channelId: unknown, tx?: Tx): Promise<ChannelAccessRow> {
    const access = await this.access(actor, channelId, tx);
    if (access.channel.archivedAt) throw DomainError.conflict('channels:archived');
    if (!this.canPost(actor, access)) throw new DomainError('FORBIDDEN', 'channels:cannotPost');
    if (access.mutedUntil && access.mutedUntil.getTime() > Date.now()) {
      throw new DomainError('FORBIDDEN', 'channels:muted');
    }
    return access;
  }

  async create(actor: Actor, command: CreateChannelCommand): Promise<ChannelView> {
    const me = requirePerson(actor);
    const kind = command.kind as ChannelKind;
    const errors: FieldError[] = [
      ...checkName(command.name),
      ...checkRetention(command.retentionDays),
      ...checkLanguage(command.language),
    ];
    // A meeting's channel is opened by scheduling the meeting (its audience is the invitees).
    if (!CHANNEL_KINDS.includes(kind)) errors.push({ field: 'kind', key: 'validation:invalidValue' });
    else if (kind === 'MEETING') errors.push({ field: 'kind', key: 'channels:followsMeeting' });
    const memberIds = [...new Set([...(command.memberIds ?? []), me])];
    const partners = [...new Set(command.partnerNetworkIds ?? [])];
    if (memberIds.some((id) => !isUuid(id))) errors.push({ field: 'memberIds', key: 'channels:unknownPeople' });
    if (partners.some((id) => !isUuid(id))) errors.push({ field: 'partnerNetworkIds', key: 'channels:notPartners' });
    if (kind === 'JOINT' && partners.length === 0) {
      errors.push({ field: 'partnerNetworkIds', key: 'channels:partnersRequired' });
    }
    if (kind !== 'JOINT' && partners.length > 0) {
      errors.push({ field: 'partnerNetworkIds', key: 'channels:partnersOnlyJoint' });
    }
    if ((kind === 'NETWORK' || kind === 'JOINT') && (command.memberIds ?? []).length > 0) {
      errors.push({ field: 'memberIds', key: 'channels:membersNotNamed' });
    }
    if (kind === 'DIRECT' && memberIds.length < 2) errors.push({ field: 'memberIds', key: 'channels:directNeedsTwo' });
    throwIfAny(errors);
    if (!isUuid(command.networkId)) throw DomainError.notFound();
    // Direct channels are for any member of the network; the others are created by its secretariat.
    const member = memberNetworkIds(actor).includes(command.networkId);
    const allowed = kind === 'DIRECT' ? member : can(actor, 'CREATE_CHANNEL', { networkId: command.networkId });
    if (!allowed) throw member ? DomainError.forbidden() : DomainError.notFound();

    return this.transactions.run(async (tx) => {
      if (!(await this.channels.networkExists(tx, command.networkId))) throw DomainError.notFound();
      if (partners.length > 0) {
        const valid = await this.channels.partnersAmong(tx, command.networkId, partners);
        if (valid.length !== partners.length) {
          throw DomainError.badInput([{ field: 'partnerNetworkIds', key: 'channels:notPartners' }]);
        }
      }
      const named = kind === 'GROUP' || kind === 'DIRECT' ? memberIds : [];
      const eligible = await this.channels.nameableMembers(
        tx,
        actor,
        named.filter((id) => id !== me),
        command.networkId,
      );
      if (eligible.length !== named.filter((id) => id !== me).length) {
        throw DomainError.badInput([{ field: 'memberIds', key: 'channels:unknownPeople' }]);
      }
      const id = await this.channels.insert(tx, {
        networkId: command.networkId,
        kind,
        visibility: VISIBILITY_OF[kind],
        name: command.name.trim(),
        language: command.language ?? null,
        retentionDays: command.retentionDays ?? null,
        createdBy: me,
      });
      await this.channels.addPartners(tx, id, partners);
      await this.channels.addMembers(tx, id, named);
      await this.audit.record(tx, actor, {
        networkId: command.networkId,
        entityType: 'channel',
        entityId: id,
        action: 'create',
        after: {
          kind,
          name: command.name.trim(),
          memberIds: named,
          partnerNetworkIds: partners,
          retentionDays: command.retentionDays ?? null,
        },
      });
      return channelView((await this.access(actor, id, tx)).channel);
    });
  }

  async update(actor: Actor, command: UpdateChannelCommand): Promise<ChannelView> {
    const errors: FieldError[] = [];
    if (command.name !== undefined && command.name !== null) errors.push(...checkName(command.name));
    errors.push(...checkRetention(command.retentionDays), ...checkLanguage(command.language));
    throwIfAny(errors);
    return this.change(actor, command.channelId, 'update', async (tx, access) => {
      const changes = {
        name: command.name?.trim() ?? undefined,
        language: command.language ?? undefined,
        retentionDays: command.clearRetention ? null : (command.retentionDays ?? undefined),
      };
      await this.channels.update(tx, access.channel.id, changes);
      const before = {
        name: access.channel.name,
        language: access.channel.language,
        retentionDays: access.channel.retentionDays,
      };
      return { before, after: changes };
    });
  }

  async archive(actor: Actor, channelId: string, archived = true): Promise<ChannelView> {
    return this.change(actor, channelId, archived ? 'archive' : 'unarchive', async (tx, access) => {
      if (access.channel.kind === 'MEETING') throw DomainError.conflict('channels:followsMeeting');
      if (Boolean(access.channel.archivedAt) === archived) throw DomainError.conflict('channels:alreadyInState');
      await this.channels.update(tx, access.channel.id, { archived });
      return { before: { archived: !archived }, after: { archived } };
    });
  }

  /** Adds a named member (working group and direct channels), with the posting grant observers need. */
  async addMember(
    actor: Actor,
    command: { channelId: string; personId: string; canPost?: boolean | null },
  ): Promise<ChannelView> {
    return this.change(actor, command.channelId, 'addMember', async (tx, access) => {
      const { channel } = access;
      if (channel.kind !== 'GROUP' && channel.kind !== 'DIRECT') throw DomainError.conflict('channels:membersNotNamed');
      if (
        !isUuid(command.personId) ||
        (await this.channels.nameableMembers(tx, actor, [command.personId], channel.networkId)).length === 0
      ) {
        throw DomainError.badInput([{ field: 'personId', key: 'channels:unknownPeople' }]);
      }
      const added = await this.channels.addMembers(tx, channel.id, [command.personId], command.canPost ?? true);
      if (added.length === 0) throw DomainError.conflict('channels:alreadyMember');
      return { before: null, after: { personId: command.personId, canPost: command.canPost ?? true } };
    });
  }

  /** Removes a named member; their open sockets leave the channel at once and hear `channel:removed`. */
  async removeMember(actor: Actor, command: { channelId: string; personId: string }): Promise<ChannelView> {
    const view = await this.change(actor, command.channelId, 'removeMember', async (tx, access) => {
      // Network-wide and joint channels take their members from the networks' memberships.
      if (access.channel.kind === 'JOINT') throw DomainError.conflict('channels:jointMembersFromNetworks');
      if (access.channel.kind === 'NETWORK') throw DomainError.conflict('channels:networkMembersFromNetwork');
      if (access.channel.kind === 'MEETING') throw DomainError.conflict('channels:followsMeeting');
      if (!isUuid(command.personId) || !(await this.channels.removeMember(tx, access.channel.id, command.personId))) {
        throw DomainError.notFound();
      }
      return { before: { personId: command.personId }, after: null };
    });
    this.live.publish({ kind: 'leave', personId: command.personId, channelId: view.id });
    this.live.toPerson(command.personId, 'channel:removed', { channelId: view.id });
    return view;
  }

  /** Moderation: mutes (minutes > 0) or unmutes (0) a person in a channel. */
  async mute(actor: Actor, command: { channelId: string; personId: string; minutes: number }): Promise<boolean> {
    if (!Number.isInteger(command.minutes) || command.minutes < 0 || command.minutes > MAX_MUTE_MINUTES) {
      throw DomainError.badInput([
        { field: 'minutes', key: 'channels:invalidMute', params: { max: MAX_MUTE_MINUTES } },
      ]);
    }
    if (!isUuid(command.personId)) throw DomainError.badInput([{ field: 'personId', key: 'channels:unknownPeople' }]);
    await this.transactions.run(async (tx) => {
      const access = await this.access(actor, command.channelId, tx);
      if (!this.canModerate(actor, access.channel)) throw DomainError.forbidden();
      const until = command.minutes === 0 ? null : new Date(Date.now() + command.minutes * 60_000);
      await this.channels.setMutedUntil(tx, access.channel.id, command.personId, until);
      await this.audit.record(tx, actor, {
        networkId: access.channel.networkId,
        entityType: 'channel',
        entityId: access.channel.id,
        action: 'mute',
        after: { personId: command.personId, until: until?.toISOString() ?? null },
      });
    });
    return true;
  }

  /** Channels `actor` may read, with unread and mention counts. */
  async mine(
    actor: Actor,
    args: { first?: number | null; after?: string | null; includeArchived?: boolean | null },
  ): Promise<Page<MyChannelRow>> {
    requirePerson(actor);
    const request = pageRequest(args);
    const after = cursorKey(request.after, ['string', 'uuid'] as const);
    const { rows, totalCount } = await this.channels.listReadable(actor, {
      first: request.first,
      after,
      includeArchived: args.includeArchived ?? false,
    });
    return toPage(rows, request, (r) => [r.channel.name, r.channel.id], totalCount);
  }

  async unreadCount(actor: Actor, channelId: string): Promise<number> {
    return this.channels.unreadCount(null, channelId, requirePerson(actor));
  }

  async markRead(actor: Actor, channelId: string, seq: string): Promise<number> {
    const me = requirePerson(actor);
    await this.transactions.run((tx) => this.channels.markRead(tx, channelId, me, seq));
    return this.channels.unreadCount(null, channelId, me);
  }

  memberIds(channelId: string): Promise<string[]> {
    return this.channels.memberIds(null, channelId);
  }

  /**
   * Typing: readable and postable channel; relayed to the others in the channel's room (none of the
   * typist's own sockets), stored nowhere.
   */
  async typing(actor: Actor, channelId: unknown): Promise<void> {
    const me = requirePerson(actor);
    const access = await this.requirePostable(actor, channelId);
    this.live.toChannelExcept(access.channel.id, me, 'typing', { channelId: access.channel.id, personId: me });
  }

  private async change(
    actor: Actor,
    channelId: string,
    action: string,
    work: (tx: Tx, access: ChannelAccessRow) => Promise<{ before: object | null; after: object | null }>,
  ): Promise<ChannelView> {
    const view = await this.transactions.run(async (tx) => {
      const access = await this.access(actor, channelId, tx, true);
      if (!can(actor, 'CREATE_CHANNEL', { networkId: access.channel.networkId })) throw DomainError.forbidden();
      const { before, after } = await work(tx, access);
      await this.audit.record(tx, actor, {
        networkId: access.channel.networkId,
        entityType: 'channel',
        entityId: access.channel.id,
        action,
        before,
        after,
      });
      const fresh = await this.channels.findReadable(actor, access.channel.id, tx);
      return channelView((fresh ?? access).channel);
    });
    this.live.toChannel(view.id, 'channel:updated', view);
    return view;
  }
}
