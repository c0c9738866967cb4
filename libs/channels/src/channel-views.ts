import type { ChannelRow } from './channel.repository';
import type { MessageRow } from './message.repository';

/**
 * The plain JSON shapes live transports send (SPEC §5): timestamps in ISO 8601 UTC. GraphQL maps the
 * rows to its own models in apps/api.
 */
export interface ChannelView {
  readonly id: string;
  readonly networkId: string;
  readonly kind: string;
  readonly name: string;
  readonly archived: boolean;
  readonly retentionDays: number | null;
  readonly partnerNetworkIds: readonly string[];
}

export interface MessageView {
  readonly id: string;
  readonly channelId: string;
  readonly clientId: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly body: string;
  readonly parentId: string | null;
  readonly mentions: readonly string[];
  readonly pinned: boolean;
  readonly replyCount: number;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deletedAt: string | null;
  readonly reactions: readonly {
    readonly emoji: string;
    readonly count: number;
    readonly personIds: readonly string[];
  }[];
}

export function channelView(channel: ChannelRow): ChannelView {
  return {
    id: channel.id,
    networkId: channel.networkId,
    kind: channel.kind,
    name: channel.name,
    archived: channel.archivedAt !== null,
    retentionDays: channel.retentionDays,
    partnerNetworkIds: channel.partnerNetworkIds,
  };
}

export function messageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    channelId: m.channelId,
    clientId: m.clientId,
    author: { id: m.authorId, name: m.authorName },
    body: m.deletedAt ? '' : m.body,
    parentId: m.parentId,
    mentions: m.mentions,
    pinned: m.pinnedAt !== null,
    replyCount: m.replyCount,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    reactions: m.reactions,
  };
}
