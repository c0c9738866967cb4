import { Field, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { NotificationPreferenceView } from '@enlace/notifications';
import { NotificationDeliveryEnum, NotificationKindEnum } from './notifications.enums';

@ObjectType('NotificationPreference', { description: 'How you hear of one kind of notification.' })
export class NotificationPreferenceModel {
  @Field(() => NotificationKindEnum)
  kind!: string;

  @Field(() => NotificationDeliveryEnum)
  delivery!: string;

  @Field({ description: 'True when you have not chosen and the default of the kind applies.' })
  isDefault!: boolean;
}

export function toNotificationPreferenceModel(
  view: NotificationPreferenceView,
  _t: Translator,
): NotificationPreferenceModel {
  return { ...view };
}
