import { Module } from '@nestjs/common';
import { DirectoryModule } from '@enlace/directory';
import { NotificationsModule } from '@enlace/notifications';
import { MeetingChannelService } from './channel/meeting-channel.service';
import { RoleInvitationRepository } from './invitation/role-invitation.repository';
import { RoleInvitationService } from './invitation/role-invitation.service';
import { AgendaRepository } from './agenda/agenda.repository';
import { AgendaService } from './agenda/agenda.service';
import { CommuniqueRepository } from './communique/communique.repository';
import { CommuniqueService } from './communique/communique.service';
import { DecisionRepository } from './decision/decision.repository';
import { DecisionService } from './decision/decision.service';
import { MeetingRepository } from './meeting/meeting.repository';
import { MeetingService } from './meeting/meeting.service';
import { MeetingNoticeTexts } from './meeting/meeting-notice-texts';
import { MeetingsPersonalDataRepository } from './personal-data/personal-data.repository';
import { MeetingsPersonalDataService } from './personal-data/personal-data.service';
import { MeetingReminderRepository } from './reminder/meeting-reminder.repository';
import { MeetingReminderService } from './reminder/meeting-reminder.service';
import { AttendanceRepository } from './attendance/attendance.repository';
import { AttendanceService } from './attendance/attendance.service';
import { MinutesRepository } from './minutes/minutes.repository';
import { MinutesService } from './minutes/minutes.service';
import { MinutesNotices } from './minutes/minutes-notices.service';

/** Meeting workflows (SPEC §4.3): meetings, their lifecycle and invitees, agendas, decisions, communiqués and minutes. */
@Module({
  imports: [DirectoryModule, NotificationsModule],
  providers: [
    MeetingRepository,
    MeetingService,
    MeetingChannelService,
    RoleInvitationRepository,
    RoleInvitationService,
    MeetingNoticeTexts,
    MeetingReminderRepository,
    MeetingReminderService,
    AgendaRepository,
    AgendaService,
    DecisionRepository,
    DecisionService,
    CommuniqueRepository,
    CommuniqueService,
    AttendanceRepository,
    AttendanceService,
    MinutesRepository,
    MinutesService,
    MinutesNotices,
    MeetingsPersonalDataRepository,
    MeetingsPersonalDataService,
  ],
  exports: [
    MeetingService,
    RoleInvitationService,
    MeetingReminderService,
    AgendaService,
    DecisionService,
    CommuniqueService,
    AttendanceService,
    MinutesService,
    MeetingsPersonalDataService,
  ],
})
export class MeetingsModule {}
