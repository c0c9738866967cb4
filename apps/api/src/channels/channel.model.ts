import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CHANNEL_KINDS, ChannelKind, ChannelView, MessageEditRow, MessageRow, MyChannelRow } from '@enlace/channels';
import { Paginated } from '../graphql/models/connection.model';

export const ChannelKindEnum = Object.fromEntries(CHANNEL_KINDS.map((k) => [k, k])) as { [K in ChannelKind]: K };
registerEnumType(ChannelKindEnum, {
  name: 'ChannelKind',
  description:
    'NETWORK: every member of the owning network; GROUP: named members; JOINT: shared with named partner networks; DIRECT: two or more people.',
});

@ObjectType('Channel', { description: 'A discussion channel owned by a network.' })
export class ChannelModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => ChannelKindEnum)
  kind!: ChannelKind;

  @Field()
  name!: string;

  @Field({ description: 'Archived channels can be read but no longer changed.' })
  archived!: boolean;

  @Field(() => Int, { nullable: true, description: 'Messages older than this many days are purged; null keeps them.' })
  retentionDays!: number | null;

  @Field(() => [ID], { description: 'Joint channels: the partner networks they are shared with.' })
  partnerNetworkIds!: string[];
}

@ObjectType('MyChannel', { description: 'A channel I may read, with what is new for me in it.' })
export class MyChannelModel {
  @Field(() => ChannelModel)
  channel!: ChannelModel;

  @Field(() => Int, { description: 'Messages after my read marker, not written by me.' })
  unreadCount!: number;

  @Field(() => Int, { description: 'Of those, the ones that mention me.' })
  mentionCount!: number;

  @Field({ description: 'Whether I may post (members; observers only with a grant; not while muted).' })
  canPost!: boolean;
}

@ObjectType('MessageReaction')
export class MessageReactionModel {
  @Field()
  emoji!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => [ID])
  personIds!: string[];
}

@ObjectType('MessageAuthor')
export class MessageAuthorModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('Message', { description: 'A channel message (deleted ones keep their place with an empty body).' })
export class MessageModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  channelId!: string;

  @Field({ description: 'The id the sending client chose; a retry with the same id stores nothing new.' })
  clientId!: string;

  @Field(() => MessageAuthorModel)
  author!: MessageAuthorModel;

  @Field({ description: 'Plain text; mentions are written <@person-id>.' })
  body!: string;

  @Field(() => ID, { nullable: true, description: 'The thread this message replies in.' })
  parentId!: string | null;

  @Field(() => [ID])
  mentions!: string[];

  @Field()
  pinned!: boolean;

  @Field(() => Int)
  replyCount!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  editedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deletedAt!: Date | null;

  @Field(() => [MessageReactionModel])
  reactions!: MessageReactionModel[];
}

@ObjectType('MessageEdit', { description: 'A previous version of an edited message (moderators).' })
export class MessageEditModel {
  @Field()
  body!: string;

  @Field(() => GraphQLISODateTime)
  replacedAt!: Date;

  @Field(() => ID, { nullable: true })
  replacedBy!: string | null;
}

export const MyChannelConnection = Paginated(MyChannelModel);
export const MessageConnection = Paginated(MessageModel);

export function toChannelModel(view: ChannelView): ChannelModel {
  return { ...view, kind: view.kind as ChannelKind, partnerNetworkIds: [...view.partnerNetworkIds] };
}

export function toMessageModel(m: MessageRow): MessageModel {
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
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
    reactions: m.reactions,
  };
}

export function toEditModel(e: MessageEditRow): MessageEditModel {
  return { ...e };
}

export type MyChannelSource = MyChannelRow & { canPost: boolean };
