import { registerEnumType } from '@nestjs/graphql';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, NotificationKind } from '@enlace/notifications';
import { enumOf } from '../graphql/models/enums';

export const NotificationKindEnum = enumOf(Object.keys(NOTIFICATION_KINDS) as NotificationKind[]);
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a notification is about.' });

export const NotificationDeliveryEnum = enumOf(NOTIFICATION_DELIVERIES);
registerEnumType(NotificationDeliveryEnum, {
  name: 'NotificationDelivery',
  description:
    'How a person hears of a kind of notification: IN_APP only, EMAIL (in the app and by email at once), DIGEST (in the app and in the daily digest email), or OFF.',
});
