import { Module } from '@nestjs/common';
import { DirectoryModule } from '@enlace/directory';
import { NotificationsModule } from '@enlace/notifications';
import { CertificateRepository } from './certificate/certificate.repository';
import { CertificateService } from './certificate/certificate.service';
import { CurriculumRepository } from './curriculum/curriculum.repository';
import { CurriculumService } from './curriculum/curriculum.service';
import { EnrolmentRepository } from './enrolment/enrolment.repository';
import { EnrolmentService } from './enrolment/enrolment.service';
import { TrainingRepository } from './training/training.repository';
import { TrainingService } from './training/training.service';
import { TrainingPersonalDataRepository } from './personal-data/personal-data.repository';
import { TrainingPersonalDataService } from './personal-data/personal-data.service';
import { AttendanceRepository } from './attendance/attendance.repository';
import { AttendanceService } from './attendance/attendance.service';
import { CompletionRepository } from './completion/completion.repository';
import { CompletionService, TRAINING_COMPLETION_LISTENER } from './completion/completion.service';
import { SessionRepository } from './session/session.repository';
import { SessionService } from './session/session.service';
import { TrainingReminderRepository } from './reminder/training-reminder.repository';
import { TrainingReminderService } from './reminder/training-reminder.service';
import { TrainingCalendarRepository } from './calendar/training-calendar.repository';
import { TrainingCalendarService } from './calendar/training-calendar.service';
import { TrainingReportRepository } from './report/training-report.repository';
import { TrainingReportService } from './report/training-report.service';

/** Training (SPEC §4.2): curricula and their versions, trainings (cohorts), enrolment and its waitlist. */
@Module({
  imports: [DirectoryModule, NotificationsModule],
  providers: [
    CurriculumRepository,
    CurriculumService,
    TrainingRepository,
    TrainingService,
    EnrolmentRepository,
    EnrolmentService,
    TrainingPersonalDataRepository,
    TrainingPersonalDataService,
    SessionRepository,
    SessionService,
    AttendanceRepository,
    AttendanceService,
    CompletionRepository,
    CompletionService,
    TrainingReminderRepository,
    TrainingReminderService,
    CertificateRepository,
    CertificateService,
    // Completion issues the certificates of those who completed, in its transaction.
    { provide: TRAINING_COMPLETION_LISTENER, useExisting: CertificateService },
    TrainingReportRepository,
    TrainingReportService,
    TrainingCalendarRepository,
    TrainingCalendarService,
  ],
  exports: [
    CurriculumService,
    TrainingService,
    EnrolmentService,
    TrainingPersonalDataService,
    SessionService,
    AttendanceService,
    CompletionService,
    TrainingReminderService,
    CertificateService,
    TrainingReportService,
    TrainingCalendarService,
  ],
})
export class TrainingModule {}
