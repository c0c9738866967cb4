import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { MessageRow } from '@enlace/channels';
import { Paginated } from '../graphql/models/connection.model';

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

  @Field({ description: 'An official notice, which its readers acknowledge (acknowledgeNotice).' })
  requiresAcknowledgement!: boolean;

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

export const MessageConnection = Paginated(MessageModel);

export function toMessageModel(m: MessageRow, _t: Translator): MessageModel {
  return {
    id: m.id,
    channelId: m.channelId,
    clientId: m.clientId,
    author: { id: m.authorId, name: m.authorName },
    body: m.deletedAt ? '' : m.body,
    parentId: m.parentId,
    mentions: m.mentions,
    pinned: m.pinnedAt !== null,
    requiresAcknowledgement: m.ackRequired,
    replyCount: m.replyCount,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
    reactions: m.reactions,
  };
}
