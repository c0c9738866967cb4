import { Module } from '@nestjs/common';
import { ActionPlansModule } from '@enlace/action-plans';
import { MeetingsModule } from '@enlace/meetings';
import { AuthModule } from '../auth/auth.module';
import { ActionPlansExportController } from './action-plans-export.controller';
import { ActionPlansResolver } from './action-plans.resolver';
import { MeetingsFollowUpAdapter } from './meetings-follow-up.adapter';
import { PlanSnapshotResolver } from './plan-snapshot.resolver';
import { PlanSourcesResolver } from './plan-sources.resolver';
import { PlanStructureResolver } from './plan-structure.resolver';
import { PlanTemplatesResolver } from './plan-templates.resolver';

/** Action plans' doors: plans, their structure, sources, the progress log and the dashboard over GraphQL. */
@Module({
  imports: [
    ActionPlansModule.withMeetings({ imports: [MeetingsModule], adapter: MeetingsFollowUpAdapter }),
    AuthModule,
  ],
  controllers: [ActionPlansExportController],
  providers: [
    ActionPlansResolver,
    PlanStructureResolver,
    PlanSourcesResolver,
    PlanTemplatesResolver,
    PlanSnapshotResolver,
  ],
})
export class ActionPlansApiModule {}
