import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { MessageEditRow } from '@enlace/channels';

@ObjectType('MessageEdit', { description: 'A previous version of an edited message (moderators).' })
export class MessageEditModel {
  @Field()
  body!: string;

  @Field(() => GraphQLISODateTime)
  replacedAt!: Date;

  @Field(() => ID, { nullable: true })
  replacedBy!: string | null;
}

export function toMessageEditModel(e: MessageEditRow, _t: Translator): MessageEditModel {
  return { ...e };
}
