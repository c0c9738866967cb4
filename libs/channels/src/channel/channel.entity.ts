export const CHANNEL_KINDS = ['NETWORK', 'GROUP', 'JOINT', 'DIRECT', 'MEETING'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * A discussion channel owned by a network (table `channel`). Its visibility follows from its kind:
 * network-wide → NETWORK, joint → PARTNERS (narrowed to the partner networks it names), working group
 * and direct → RESTRICTED (their named members and the owner's secretariat). A meeting's channel
 * (`MEETING`, decision 0019) is RESTRICTED to its named members only — the meeting's current
 * invitees, kept by the meetings context through `ChannelAudienceService` — and names the joint
 * meeting's partner networks as a joint channel does.
 */
export interface ChannelRow {
  readonly id: string;
  readonly networkId: string;
  readonly kind: ChannelKind;
  readonly visibility: 'NETWORK' | 'PARTNERS' | 'RESTRICTED';
  readonly name: string;
  /** The language its messages are searched in (en, es, pt, fr): the network's default unless chosen. */
  readonly language: string;
  readonly retentionDays: number | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly partnerNetworkIds: string[];
  /**
   * Working-group, direct and meeting channels: the owner's partner networks, whose members may be
   * named in them (a mixed working group, a partner's invitee); empty for the other kinds.
   */
  readonly ownerPartnerIds: string[];
}

/** A channel the actor may read, with the actor's own standing in it. */
export interface ChannelAccessRow {
  readonly channel: ChannelRow;
  /** Named member (working group, direct, or an explicit grant elsewhere). */
  readonly namedMember: boolean;
  /** The named membership carries the explicit posting grant (observers). */
  readonly postGrant: boolean;
  readonly mutedUntil: Date | null;
  readonly lastReadSeq: string;
}

export interface MyChannelRow extends ChannelAccessRow {
  readonly unreadCount: number;
  readonly mentionCount: number;
}

/** A channel row as the repository's SQL returns it (snake_case columns, standing when joined). */
export interface RawChannel {
  id: string;
  network_id: string;
  kind: ChannelKind;
  visibility: ChannelRow['visibility'];
  name: string;
  language: string;
  retention_days: number | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  partner_network_ids: string[] | null;
  owner_partner_ids?: string[] | null;
  named_member?: boolean;
  post_grant?: boolean;
  muted_until?: Date | null;
  last_read_seq?: string | null;
  unread_count?: string | number;
  mention_count?: string | number;
}

export function toChannel(r: RawChannel): ChannelRow {
  return {
    id: r.id,
    networkId: r.network_id,
    kind: r.kind,
    visibility: r.visibility,
    name: r.name,
    language: r.language,
    retentionDays: r.retention_days,
    archivedAt: r.archived_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    partnerNetworkIds: r.partner_network_ids ?? [],
    ownerPartnerIds: r.owner_partner_ids ?? [],
  };
}

export function toChannelAccess(r: RawChannel): ChannelAccessRow {
  return {
    channel: toChannel(r),
    namedMember: r.named_member === true,
    postGrant: r.post_grant === true,
    mutedUntil: r.muted_until ?? null,
    lastReadSeq: String(r.last_read_seq ?? '0'),
  };
}

/**
 * The plain JSON shape live transports send (SPEC §5). GraphQL maps the rows to its own models in
 * apps/api.
 */
export interface ChannelView {
  readonly id: string;
  readonly networkId: string;
  readonly kind: string;
  readonly name: string;
  readonly language: string;
  readonly archived: boolean;
  readonly retentionDays: number | null;
  readonly partnerNetworkIds: readonly string[];
}

export function channelView(channel: ChannelRow): ChannelView {
  return {
    id: channel.id,
    networkId: channel.networkId,
    kind: channel.kind,
    name: channel.name,
    language: channel.language,
    archived: channel.archivedAt !== null,
    retentionDays: channel.retentionDays,
    partnerNetworkIds: channel.partnerNetworkIds,
  };
}
