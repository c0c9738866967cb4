import { Module } from '@nestjs/common';
import { ActionPlansModule } from '@enlace/action-plans';
import { ActionPlansResolver } from './action-plans.resolver';
import { PlanStructureResolver } from './plan-structure.resolver';

/** Action plans' doors: plans, their structure, the progress log and the dashboard over GraphQL. */
@Module({
  imports: [ActionPlansModule],
  providers: [ActionPlansResolver, PlanStructureResolver],
})
export class ActionPlansApiModule {}
