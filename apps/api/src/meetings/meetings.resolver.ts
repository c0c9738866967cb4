import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MeetingService } from '@enlace/meetings';
import { toConnection } from '../graphql/models/connection.model';
import type { RequestContext } from '../graphql/request-context';
import { CreateMeetingInput } from './create-meeting.input';
import { InviteToMeetingPayload } from './invite-payload.model';
import { InviteToMeetingInput } from './invite-to-meeting.input';
import { MeetingInviteeInput } from './meeting-invitee.input';
import { MeetingInviteeModel, toMeetingInviteeModel } from './meeting-invitee.model';
import { MeetingStepInput } from './meeting-step.input';
import { MeetingConnection, MeetingModel, toMeetingModel } from './meeting.model';
import { MeetingsArgs } from './meetings.args';
import { RescheduleMeetingInput } from './reschedule-meeting.input';
import { RespondToMeetingInput } from './respond-to-meeting.input';
import { UpdateMeetingInput } from './update-meeting.input';

@Resolver(() => MeetingModel)
export class MeetingsResolver {
  constructor(private readonly service: MeetingService) {}

  @Query(() => MeetingConnection, {
    description: 'Meetings I may read, soonest first (or latest first with `descending`).',
  })
  async meetings(@Args() args: MeetingsArgs, @Context() ctx: RequestContext) {
    return toConnection(await this.service.list(ctx.actor, args), (m) => toMeetingModel(m, ctx.translator));
  }

  @Query(() => MeetingModel, { description: 'One meeting; NOT_FOUND when it does not exist or I may not read it.' })
  async meeting(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.get(ctx.actor, id), ctx.translator);
  }

  @ResolveField(() => [MeetingInviteeModel], {
    nullable: true,
    description:
      'The invitees and their answers: for the organisers and the invitees (an invitee who is only an observer sees their own invitation); null for other readers.',
  })
  async invitees(@Parent() meeting: MeetingModel, @Context() ctx: RequestContext) {
    const rows = await this.service.invitees(ctx.actor, ctx.loaders, meeting.row);
    return rows?.map((r) => toMeetingInviteeModel(r, ctx.translator)) ?? null;
  }

  @Mutation(() => MeetingModel, { description: 'Creates a DRAFT meeting (the network’s secretariat).' })
  async createMeeting(@Args('input') input: CreateMeetingInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.create(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'Edits a DRAFT or SCHEDULED meeting.' })
  async updateMeeting(@Args('input') input: UpdateMeetingInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.update(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'DRAFT → SCHEDULED; every invitee is told.' })
  async scheduleMeeting(@Args('input') input: MeetingStepInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.schedule(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'New times for a SCHEDULED meeting; every invitee is told.' })
  async rescheduleMeeting(@Args('input') input: RescheduleMeetingInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.reschedule(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, {
    description: 'Cancels a DRAFT or SCHEDULED meeting; invitees of a scheduled one are told.',
  })
  async cancelMeeting(@Args('input') input: MeetingStepInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.cancel(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'SCHEDULED → HELD, once the meeting has begun.' })
  async markMeetingHeld(@Args('input') input: MeetingStepInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.markHeld(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'HELD → CLOSED.' })
  async closeMeeting(@Args('input') input: MeetingStepInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.close(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => InviteToMeetingPayload, {
    description: 'Invites people and whole roles; a scheduled meeting’s new invitees are told at once.',
  })
  async inviteToMeeting(@Args('input') input: InviteToMeetingInput, @Context() ctx: RequestContext) {
    const { meeting, added } = await this.service.invite(ctx.actor, input);
    return { meeting: toMeetingModel(meeting, ctx.translator), added };
  }

  @Mutation(() => MeetingModel, { description: 'Withdraws one invitation (organisers).' })
  async uninviteFromMeeting(@Args('input') input: MeetingInviteeInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.uninvite(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'My answer to a scheduled meeting I am invited to.' })
  async respondToMeetingInvitation(@Args('input') input: RespondToMeetingInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.service.respond(ctx.actor, input), ctx.translator);
  }
}
