import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PlanService, PREVENTION_TAGS, RollupService, StructureService } from '@enlace/action-plans';
import { toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import {
  ActionPlanConnection,
  ActionPlanModel,
  DashboardModel,
  ObjectiveModel,
  PlanRollupModel,
  PreventionTagModel,
  toActionPlanModel,
  toDashboardModel,
  toObjectiveModel,
  toTagModel,
} from './action-plan.model';
import { CreateActionPlanInput } from './create-action-plan.input';
import { UpdateActionPlanInput } from './update-action-plan.input';
import { ActionPlansArgs, NetworkDashboardArgs } from './action-plans.args';

@Resolver(() => ActionPlanModel)
export class ActionPlansResolver {
  constructor(
    private readonly plans: PlanService,
    private readonly structure: StructureService,
    private readonly rollups: RollupService,
  ) {}

  @Query(() => ActionPlanConnection, { name: 'actionPlans', description: 'Action plans I may read.' })
  async actionPlansList(@Args() args: ActionPlansArgs, @Context() ctx: RequestContext) {
    const page = await this.plans.list(ctx.actor, { ...args, tag: args.dimension });
    return toConnection(page, (p) => toActionPlanModel(p, ctx.translator));
  }

  @Query(() => ActionPlanModel, { description: 'One plan; NOT_FOUND when it does not exist or I may not read it.' })
  async actionPlan(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toActionPlanModel(await this.plans.get(ctx.actor, id), ctx.translator);
  }

  @Query(() => DashboardModel, {
    description:
      'Roll-ups of a network’s plans I may read, per member state, UN region, prevention dimension and year.',
  })
  async networkDashboard(@Args() args: NetworkDashboardArgs, @Context() ctx: RequestContext) {
    return toDashboardModel(await this.rollups.dashboard(ctx.actor, args), ctx.translator);
  }

  @Query(() => [PreventionTagModel], {
    description:
      'The tags of objectives and actions: the five dimensions of structural prevention and the UN resilience measures.',
  })
  preventionTags(@Context() ctx: RequestContext) {
    return PREVENTION_TAGS.map((k) => toTagModel(k, ctx.translator));
  }

  @Mutation(() => ActionPlanModel, { description: 'A new plan, as a draft (secretariat, or the state’s focal point).' })
  async createActionPlan(@Args('input') input: CreateActionPlanInput, @Context() ctx: RequestContext) {
    return toActionPlanModel(await this.plans.create(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ActionPlanModel, { description: 'Edits a plan at the version I read (CONFLICT when stale).' })
  async updateActionPlan(@Args('input') input: UpdateActionPlanInput, @Context() ctx: RequestContext) {
    return toActionPlanModel(await this.plans.update(ctx.actor, input), ctx.translator);
  }

  @ResolveField(() => [ObjectiveModel], { description: 'Objectives → actions → indicators, in order.' })
  async objectives(@Parent() plan: ActionPlanModel, @Context() ctx: RequestContext) {
    const tree = await this.structure.tree(plan.row);
    return tree.map((o) => toObjectiveModel(o, ctx.translator, plan.row));
  }

  @ResolveField(() => PlanRollupModel, {
    description: 'Progress, counts by status, overdue actions, indicators on track.',
  })
  rollup(
    @Parent() plan: ActionPlanModel,
    @Args('asOf', { type: () => String, nullable: true, description: 'YYYY-MM-DD, default today.' }) asOf?: string,
  ) {
    return this.rollups.planRollup(plan.row, asOf);
  }
}
