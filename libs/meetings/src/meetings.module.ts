import { Module } from '@nestjs/common';
import { NotificationsModule } from '@enlace/notifications';
import { MeetingRepository } from './meeting/meeting.repository';
import { MeetingService } from './meeting/meeting.service';
import { MeetingReminderRepository } from './reminder/meeting-reminder.repository';
import { MeetingReminderService } from './reminder/meeting-reminder.service';

/** Meeting workflows (SPEC §4.3): meetings, their lifecycle and invitees. */
@Module({
  imports: [NotificationsModule],
  providers: [MeetingRepository, MeetingService, MeetingReminderRepository, MeetingReminderService],
  exports: [MeetingService, MeetingReminderService],
})
export class MeetingsModule {}
