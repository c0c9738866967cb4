import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommuniqueService, DecisionService } from '@enlace/meetings';
import type { RequestContext } from '../graphql/request-context';
import { AddDecisionInput } from './add-decision.input';
import { AddFollowUpInput } from './add-follow-up.input';
import {
  CommuniqueModel,
  DecisionModel,
  FollowUpModel,
  toCommuniqueModel,
  toDecisionModel,
  toFollowUpModel,
} from './agenda.model';
import { MeetingModel } from './meeting.model';
import { PublishCommuniqueInput } from './publish-communique.input';
import { SetCommuniqueInput } from './set-communique.input';
import { SetFollowUpStatusInput } from './set-follow-up-status.input';
import { UpdateDecisionInput } from './update-decision.input';
import { UpdateFollowUpInput } from './update-follow-up.input';

@Resolver(() => MeetingModel)
export class MeetingDecisionsResolver {
  constructor(
    private readonly decisionService: DecisionService,
    private readonly communiques: CommuniqueService,
  ) {}

  @ResolveField(() => [DecisionModel], { description: 'The meeting’s decisions, by number.' })
  async decisions(@Parent() meeting: MeetingModel, @Context() ctx: RequestContext) {
    const rows = await this.decisionService.decisionsOf(ctx.loaders, meeting.row);
    return rows.map((d) => toDecisionModel(d, ctx.translator));
  }

  @Query(() => CommuniqueModel, {
    description:
      'A meeting’s communiqué, read under its own visibility (a PUBLIC one even without access to the meeting); NOT_FOUND alike for a missing meeting, a missing communiqué or one I may not read.',
  })
  async communique(@Args('meetingId', { type: () => ID }) meetingId: string, @Context() ctx: RequestContext) {
    return toCommuniqueModel(await this.communiques.get(ctx.actor, meetingId), ctx.translator);
  }

  @Mutation(() => DecisionModel, { description: 'Records the next decision of a HELD or CLOSED meeting (organisers).' })
  async addDecision(@Args('input') input: AddDecisionInput, @Context() ctx: RequestContext) {
    return toDecisionModel(await this.decisionService.addDecision(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => DecisionModel, { description: 'Edits or adds translations of a decision’s text (organisers).' })
  async updateDecision(@Args('input') input: UpdateDecisionInput, @Context() ctx: RequestContext) {
    return toDecisionModel(await this.decisionService.updateDecision(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => FollowUpModel, { description: 'Adds a follow-up action to a decision (organisers).' })
  async addFollowUp(@Args('input') input: AddFollowUpInput, @Context() ctx: RequestContext) {
    return toFollowUpModel(await this.decisionService.addFollowUp(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => FollowUpModel, {
    description: 'Changes a follow-up action’s text, assignee or due date (organisers).',
  })
  async updateFollowUp(@Args('input') input: UpdateFollowUpInput, @Context() ctx: RequestContext) {
    return toFollowUpModel(await this.decisionService.updateFollowUp(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => FollowUpModel, {
    description: 'Sets a follow-up’s status (organisers); its assignee may mark it DONE.',
  })
  async setFollowUpStatus(@Args('input') input: SetFollowUpStatusInput, @Context() ctx: RequestContext) {
    return toFollowUpModel(await this.decisionService.setFollowUpStatus(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CommuniqueModel, { description: 'Writes or edits a meeting’s communiqué (organisers).' })
  async setCommunique(@Args('input') input: SetCommuniqueInput, @Context() ctx: RequestContext) {
    return toCommuniqueModel(await this.communiques.set(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => CommuniqueModel, { description: 'Publishes a HELD or CLOSED meeting’s communiqué (organisers).' })
  async publishCommunique(@Args('input') input: PublishCommuniqueInput, @Context() ctx: RequestContext) {
    return toCommuniqueModel(await this.communiques.publish(ctx.actor, input), ctx.translator);
  }
}

@Resolver(() => DecisionModel)
export class DecisionFollowUpsResolver {
  constructor(private readonly decisions: DecisionService) {}

  @ResolveField(() => [FollowUpModel], { description: 'The decision’s follow-up actions, oldest first.' })
  async followUps(@Parent() decision: DecisionModel, @Context() ctx: RequestContext) {
    const rows = await this.decisions.followUpsOf(ctx.actor, ctx.loaders, decision.row);
    return rows.map((f) => toFollowUpModel(f, ctx.translator, decision.row.networkLanguage as never));
  }
}
