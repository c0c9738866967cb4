import { Module } from '@nestjs/common';
import { ActionPlansPersonalDataRepository } from './personal-data/personal-data.repository';
import { ActionPlansPersonalDataService } from './personal-data/personal-data.service';
import { PlanRepository } from './plan/plan.repository';
import { PlanService } from './plan/plan.service';
import { ReportRepository } from './report/report.repository';
import { ReportService } from './report/report.service';
import { RollupRepository } from './rollup/rollup.repository';
import { RollupService } from './rollup/rollup.service';
import { StructureRepository } from './structure/structure.repository';
import { StructureService } from './structure/structure.service';

/** Shared action plans (SPEC §4.4): plans, objectives → actions → indicators, the progress log, roll-ups. */
@Module({
  providers: [
    PlanRepository,
    PlanService,
    StructureRepository,
    StructureService,
    ReportRepository,
    ReportService,
    RollupRepository,
    RollupService,
    ActionPlansPersonalDataRepository,
    ActionPlansPersonalDataService,
  ],
  exports: [PlanService, StructureService, ReportService, RollupService, ActionPlansPersonalDataService],
})
export class ActionPlansModule {}
