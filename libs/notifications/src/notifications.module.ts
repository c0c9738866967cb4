import { Module } from '@nestjs/common';
import { NotificationsPersonalDataRepository } from './personal-data/personal-data.repository';
import { NotificationsPersonalDataService } from './personal-data/personal-data.service';
import { EmailDeliveryService } from './delivery/email-delivery.service';
import { DigestRepository } from './digests/digest.repository';
import { DigestService } from './digests/digest.service';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationService } from './notifications/notification.service';
import { EmailOutboxService } from './outbox/email-outbox.service';
import { EmailQueueRepository } from './outbox/email-queue.repository';
import { NotificationPreferenceRepository } from './preferences/notification-preference.repository';
import { NotificationPreferenceService } from './preferences/notification-preference.service';
import { EmailRenderer } from './rendering/email-renderer';
import { NotificationRenderer } from './rendering/notification-renderer';
import { NotificationSubjects } from './rendering/notification-subjects';

/**
 * Notifications (in the app, by email, in daily digests), per-kind preferences, and delivery of the
 * email outbox. Other contexts call `NotificationService.notify(tx, ...)` inside their transaction;
 * each new notification is published on the `LiveBus` after that transaction commits.
 */
@Module({
  providers: [
    NotificationRepository,
    NotificationService,
    NotificationPreferenceRepository,
    NotificationPreferenceService,
    EmailQueueRepository,
    EmailOutboxService,
    NotificationRenderer,
    NotificationSubjects,
    EmailRenderer,
    EmailDeliveryService,
    DigestRepository,
    DigestService,
    NotificationsPersonalDataRepository,
    NotificationsPersonalDataService,
  ],
  exports: [
    NotificationService,
    NotificationPreferenceService,
    NotificationRenderer,
    NotificationSubjects,
    EmailRenderer,
    EmailDeliveryService,
    EmailOutboxService,
    DigestService,
    NotificationsPersonalDataService,
  ],
})
export class NotificationsModule {}
