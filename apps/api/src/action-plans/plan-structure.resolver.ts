import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ReportService, StructureService } from '@enlace/action-plans';
import type { RequestContext } from '../graphql/request-context';
import {
  ActionModel,
  IndicatorModel,
  ObjectiveModel,
  ReportModel,
  toActionModel,
  toIndicatorModel,
  toObjectiveModel,
  toReportModel,
} from './action-plan.model';
import { AddActionInput } from './add-action.input';
import { AddIndicatorInput } from './add-indicator.input';
import { AddObjectiveInput } from './add-objective.input';
import { CorrectProgressReportInput } from './correct-progress-report.input';
import { ReportIndicatorValueInput } from './report-indicator-value.input';
import { ReportProgressInput } from './report-progress.input';
import { UpdateActionInput } from './update-action.input';
import { UpdateIndicatorInput } from './update-indicator.input';
import { UpdateObjectiveInput } from './update-objective.input';

/** Objectives, actions, indicators and the progress log of a plan. */
@Resolver(() => ActionModel)
export class PlanStructureResolver {
  constructor(
    private readonly structure: StructureService,
    private readonly reportService: ReportService,
  ) {}

  @Mutation(() => ObjectiveModel)
  async addObjective(@Args('input') input: AddObjectiveInput, @Context() ctx: RequestContext) {
    return toObjectiveModel(await this.structure.addObjective(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ObjectiveModel, { description: 'At the version I read (CONFLICT when stale).' })
  async updateObjective(@Args('input') input: UpdateObjectiveInput, @Context() ctx: RequestContext) {
    return toObjectiveModel(await this.structure.updateObjective(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ActionModel)
  async addAction(@Args('input') input: AddActionInput, @Context() ctx: RequestContext) {
    return toActionModel(await this.structure.addAction(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ActionModel, { description: 'At the version I read (CONFLICT when stale).' })
  async updateAction(@Args('input') input: UpdateActionInput, @Context() ctx: RequestContext) {
    return toActionModel(await this.structure.updateAction(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => IndicatorModel, { description: 'An indicator and the due dates of its reporting schedule.' })
  async addIndicator(@Args('input') input: AddIndicatorInput, @Context() ctx: RequestContext) {
    return toIndicatorModel(await this.structure.addIndicator(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => IndicatorModel, {
    description: 'At the version I read; a new schedule regenerates the future due dates that carry no report.',
  })
  async updateIndicator(@Args('input') input: UpdateIndicatorInput, @Context() ctx: RequestContext) {
    return toIndicatorModel(await this.structure.updateIndicator(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ReportModel, { description: 'Appends a progress report on an action; the action follows it.' })
  async reportProgress(@Args('input') input: ReportProgressInput, @Context() ctx: RequestContext) {
    return toReportModel(await this.reportService.reportProgress(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ReportModel, { description: 'Appends the value of an indicator for one of its due dates.' })
  async reportIndicatorValue(@Args('input') input: ReportIndicatorValueInput, @Context() ctx: RequestContext) {
    return toReportModel(await this.reportService.reportIndicatorValue(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ReportModel, { description: 'A correction: a new entry superseding a report, which is kept.' })
  async correctProgressReport(@Args('input') input: CorrectProgressReportInput, @Context() ctx: RequestContext) {
    return toReportModel(await this.reportService.correct(ctx.actor, input), ctx.translator);
  }

  @ResolveField(() => [ReportModel], { description: 'The action’s progress log, oldest first, corrections included.' })
  async reports(@Parent() action: ActionModel, @Context() ctx: RequestContext) {
    return (await this.reportService.reportsOf(action.row)).map((r) => toReportModel(r, ctx.translator));
  }
}
