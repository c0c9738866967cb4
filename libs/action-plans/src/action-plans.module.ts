import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { ActionPlansPersonalDataRepository } from './personal-data/personal-data.repository';
import { ActionPlansPersonalDataService } from './personal-data/personal-data.service';
import { NotificationsModule } from '@enlace/notifications';
import { PlanExportService } from './export/plan-export.service';
import { PlanReminderRepository } from './reminder/plan-reminder.repository';
import { PlanReminderService } from './reminder/plan-reminder.service';
import { PlanDigestRepository } from './reminder/plan-digest.repository';
import { PlanDigestService } from './reminder/plan-digest.service';
import { PlanNoticeRepository } from './plan/plan-notice.repository';
import { PlanNoticeService } from './plan/plan-notice.service';
import { PlanNoticeTexts } from './plan/plan-notice-texts';
import { PlanRepository } from './plan/plan.repository';
import { PlanService } from './plan/plan.service';
import { ReportRepository } from './report/report.repository';
import { ReportService } from './report/report.service';
import { RollupRepository } from './rollup/rollup.repository';
import { RollupService } from './rollup/rollup.service';
import { FollowUpCloser } from './source/follow-up-closer';
import { MEETINGS_PORT, MeetingsPort } from './source/meetings.port';
import { SnapshotRepository } from './snapshot/snapshot.repository';
import { SnapshotService } from './snapshot/snapshot.service';
import { SourceRepository } from './source/source.repository';
import { SourceService } from './source/source.service';
import { StructureRepository } from './structure/structure.repository';
import { StructureService } from './structure/structure.service';
import { CommentRepository } from './comment/comment.repository';
import { CommentService } from './comment/comment.service';
import { TemplateRepository } from './template/template.repository';
import { TemplateService } from './template/template.service';

/** Shared action plans (SPEC §4.4): plans, objectives → actions → indicators, the progress log, roll-ups. */
@Module({
  imports: [NotificationsModule],
  providers: [
    PlanRepository,
    PlanService,
    PlanNoticeRepository,
    PlanNoticeService,
    PlanNoticeTexts,
    StructureRepository,
    StructureService,
    ReportRepository,
    ReportService,
    RollupRepository,
    RollupService,
    SourceRepository,
    SourceService,
    FollowUpCloser,
    SnapshotRepository,
    SnapshotService,
    PlanReminderRepository,
    PlanReminderService,
    PlanDigestRepository,
    PlanDigestService,
    ActionPlansPersonalDataRepository,
    ActionPlansPersonalDataService,
    PlanExportService,
    TemplateRepository,
    TemplateService,
    CommentRepository,
    CommentService,
  ],
  exports: [
    PlanService,
    StructureService,
    ReportService,
    RollupService,
    SourceService,
    SnapshotService,
    PlanReminderService,
    PlanDigestService,
    ActionPlansPersonalDataService,
    PlanExportService,
    TemplateService,
    CommentService,
  ],
})
export class ActionPlansModule {
  /**
   * With the app's adapter over the meetings' services (action plans may not import meetings): citing
   * a follow-up reads its meeting through it, and completing an action closes the follow-ups it cites.
   */
  static withMeetings(options: { imports: ModuleMetadata['imports']; adapter: Type<MeetingsPort> }): DynamicModule {
    return {
      module: ActionPlansModule,
      imports: options.imports,
      providers: [{ provide: MEETINGS_PORT, useClass: options.adapter }],
    };
  }
}
