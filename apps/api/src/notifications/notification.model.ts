import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, NotificationKind, NotificationView } from '@enlace/notifications';
import { Paginated } from '../graphql/models/connection.model';
import { LanguageEnum } from '../graphql/models/enums';

export const NotificationKindEnum = Object.fromEntries(Object.keys(NOTIFICATION_KINDS).map((k) => [k, k])) as {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a notification is about.' });

export const NotificationDeliveryEnum = Object.fromEntries(NOTIFICATION_DELIVERIES.map((d) => [d, d])) as {
  [K in (typeof NOTIFICATION_DELIVERIES)[number]]: K;
};
registerEnumType(NotificationDeliveryEnum, {
  name: 'NotificationDelivery',
  description:
    'How a person hears of a kind of notification: IN_APP only, EMAIL (in the app and by email at once), DIGEST (in the app and in the daily digest email), or OFF.',
});

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

export function toNotificationModel(view: NotificationView): NotificationModel {
  return { ...view };
}
