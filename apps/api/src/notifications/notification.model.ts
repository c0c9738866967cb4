import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { NotificationView } from '@enlace/notifications';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum } from '../graphql/models/enums';
import { NotificationDeliveryEnum, NotificationKindEnum } from './notifications.enums';

@ObjectType('Notification', { description: 'Something that happened for you, in your preferred language.' })
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: string;

  @Field({ description: 'Type of the record the notification is about (e.g. membership).' })
  subjectType!: string;

  @Field({ description: 'Id of the record the notification is about.' })
  subjectId!: string;

  @Field(() => ID, { nullable: true, description: 'The network it happened in.' })
  networkId!: string | null;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => LanguageEnum, { description: 'The language title and body are written in (your preferred one).' })
  language!: string;

  @Field(() => NotificationDeliveryEnum, { description: 'How it was delivered besides the app.' })
  delivery!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  readAt!: Date | null;
}

export const NotificationConnection = Paginated(NotificationModel);

export function toNotificationModel(view: NotificationView, _t: Translator): NotificationModel {
  return { ...view };
}
