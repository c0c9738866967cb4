import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SourceService } from '@enlace/action-plans';
import type { RequestContext } from '../graphql/request-context';
import { ActionModel, toActionModel } from './action-plan.model';
import { CiteActionSourceInput } from './cite-action-source.input';
import { CreateRecommendationInput } from './create-recommendation.input';
import { RecommendationModel, SourceModel, toRecommendationModel, toSourceModel } from './source.model';

/** What actions answer: meeting follow-ups, recommendations, protocol articles; both ways. */
@Resolver(() => ActionModel)
export class PlanSourcesResolver {
  constructor(private readonly sourceService: SourceService) {}

  @Mutation(() => RecommendationModel)
  async createRecommendation(@Args('input') input: CreateRecommendationInput, @Context() ctx: RequestContext) {
    return toRecommendationModel(await this.sourceService.createRecommendation(ctx.actor, input), ctx.translator);
  }

  @Query(() => RecommendationModel, {
    description: 'A recommendation; read by its network, its partners and administrators.',
  })
  async recommendation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toRecommendationModel(await this.sourceService.recommendation(ctx.actor, id), ctx.translator);
  }

  @Mutation(() => ActionModel, { description: 'Cites what an action answers (those who edit the plan).' })
  async citeActionSource(@Args('input') input: CiteActionSourceInput, @Context() ctx: RequestContext) {
    return toActionModel(await this.sourceService.cite(ctx.actor, input), ctx.translator);
  }

  @Query(() => [ActionModel], {
    description:
      'The plan actions I may read that answer a meeting follow-up, any follow-up of a decision, or a recommendation (at most 100).',
  })
  async actionsAnswering(
    @Context() ctx: RequestContext,
    @Args('followUpId', { type: () => ID, nullable: true }) followUpId?: string,
    @Args('decisionId', { type: () => ID, nullable: true }) decisionId?: string,
    @Args('recommendationId', { type: () => ID, nullable: true }) recommendationId?: string,
  ) {
    const rows = await this.sourceService.actionsAnswering(ctx.actor, { followUpId, decisionId, recommendationId });
    return rows.map((a) => toActionModel(a, ctx.translator));
  }

  @ResolveField(() => [SourceModel], { description: 'What the action answers.' })
  async sources(@Parent() action: ActionModel, @Context() ctx: RequestContext) {
    return (await this.sourceService.sourcesOf(ctx.loaders, action.row)).map((s) => toSourceModel(s, ctx.translator));
  }
}
