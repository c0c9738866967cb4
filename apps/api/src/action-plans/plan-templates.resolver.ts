import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommentService, TemplateService } from '@enlace/action-plans';
import type { RequestContext } from '../graphql/request-context';
import { ActionPlanModel, toActionPlanModel } from './action-plan.model';
import { PlanCommentModel, PlanTemplateModel, toPlanCommentModel, toPlanTemplateModel } from './plan-template.model';
import { CommentOnPlanInput, CopyPlanTemplateInput, PublishPlanTemplateInput } from './plan-templates.input';

/** Plan templates (publish, copy) and comments on plans. */
@Resolver(() => ActionPlanModel)
export class PlanTemplatesResolver {
  constructor(
    private readonly templates: TemplateService,
    private readonly commentService: CommentService,
  ) {}

  @Query(() => [PlanTemplateModel], {
    description:
      'Plan templates I may read, newest first (each template’s latest version unless allVersions), at most 100.',
  })
  async planTemplates(
    @Context() ctx: RequestContext,
    @Args('networkId', { type: () => ID, nullable: true }) networkId?: string,
    @Args('seriesId', { type: () => ID, nullable: true }) seriesId?: string,
    @Args('allVersions', { type: () => Boolean, nullable: true }) allVersions?: boolean,
  ) {
    const rows = await this.templates.list(ctx.actor, { networkId, seriesId, allVersions });
    return rows.map((r) => toPlanTemplateModel(r, ctx.translator));
  }

  @Query(() => PlanTemplateModel, { description: 'One template version; NOT_FOUND when I may not read it.' })
  async planTemplate(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toPlanTemplateModel(await this.templates.get(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => PlanTemplateModel, { description: 'Publishes a template version (the network’s secretariat).' })
  async publishPlanTemplate(@Args('input') input: PublishPlanTemplateInput, @Context() ctx: RequestContext) {
    return toPlanTemplateModel(await this.templates.publish(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => ActionPlanModel, {
    description: 'A member state’s new draft plan from a template version, linked to it (its editors).',
  })
  async copyPlanTemplate(@Args('input') input: CopyPlanTemplateInput, @Context() ctx: RequestContext) {
    return toActionPlanModel(await this.templates.copy(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => PlanCommentModel, {
    description:
      'Comments on a plan I may read, when my role may comment (FORBIDDEN otherwise); mentions notify its readers.',
  })
  async commentOnPlan(@Args('input') input: CommentOnPlanInput, @Context() ctx: RequestContext) {
    return toPlanCommentModel(await this.commentService.comment(ctx.actor, input));
  }

  @ResolveField(() => PlanTemplateModel, {
    nullable: true,
    description: 'The template version the plan was copied from (null when none, or I may not read it).',
  })
  async template(@Parent() plan: ActionPlanModel, @Context() ctx: RequestContext) {
    const row = await this.templates.templateOf(ctx.actor, ctx.loaders, plan.row);
    return row ? toPlanTemplateModel(row, ctx.translator) : null;
  }

  @ResolveField(() => [PlanCommentModel], { description: 'Comments on the plan, oldest first (the latest 200).' })
  async comments(@Parent() plan: ActionPlanModel, @Context() ctx: RequestContext) {
    return (await this.commentService.list(ctx.loaders, plan.row)).map(toPlanCommentModel);
  }

  @ResolveField(() => Int, { description: 'How many comments the plan has.' })
  commentCount(@Parent() plan: ActionPlanModel, @Context() ctx: RequestContext) {
    return this.commentService.count(ctx.loaders, plan.row);
  }
}
