import { Field, InputType } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS } from '@enlace/notifications';
import { NotificationDeliveryEnum, NotificationKindEnum } from './notifications.enums';

@InputType()
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKindEnum)
  @IsIn(Object.keys(NOTIFICATION_KINDS))
  kind!: string;

  @Field(() => NotificationDeliveryEnum)
  @IsIn([...NOTIFICATION_DELIVERIES])
  delivery!: string;
}
