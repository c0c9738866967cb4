import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { countries } from '@enlace/core';
import { AttendanceService, MinutesRow, MinutesService } from '@enlace/meetings';
import type { RequestContext } from '../graphql/request-context';
import { ApproveMeetingMinutesInput } from './approve-meeting-minutes.input';
import { CirculateMeetingMinutesInput } from './circulate-meeting-minutes.input';
import {
  MeetingMinutesModel,
  MinutesRevisionModel,
  toMinutesModel,
  toMinutesRevisionModel,
} from './meeting-minutes.model';
import { MeetingModel, toMeetingModel } from './meeting.model';
import { RecordAttendanceInput } from './record-attendance.input';
import { SaveMeetingMinutesInput } from './save-meeting-minutes.input';
import { SignOffMinutesInput } from './sign-off-minutes.input';

function minutesModel(m: MinutesRow, ctx: RequestContext): MeetingMinutesModel {
  return toMinutesModel(m, ctx.translator, (code) => countries.getName(code, ctx.translator.lang) ?? code);
}

/** Minutes, their sign-off by member state, attendance and delegation of invitations. */
@Resolver(() => MeetingModel)
export class MeetingMinutesResolver {
  constructor(
    private readonly minutesService: MinutesService,
    private readonly attendance: AttendanceService,
  ) {}

  @ResolveField(() => MeetingMinutesModel, {
    nullable: true,
    description:
      'The minutes: DRAFT for the organisers, CIRCULATED also for the invitees, APPROVED for every reader of the meeting; null otherwise.',
  })
  async minutes(@Parent() meeting: MeetingModel, @Context() ctx: RequestContext) {
    const row = await this.minutesService.ofMeeting(ctx.actor, ctx.loaders, meeting.row);
    return row ? minutesModel(row, ctx) : null;
  }

  @Mutation(() => MeetingMinutesModel, {
    description:
      'Writes (first save) or changes the minutes of a HELD or CLOSED meeting (organisers). Every save of the text is a new revision; approved minutes are final.',
  })
  async saveMeetingMinutes(@Args('input') input: SaveMeetingMinutesInput, @Context() ctx: RequestContext) {
    return minutesModel(await this.minutesService.save(ctx.actor, input), ctx);
  }

  @Mutation(() => MeetingMinutesModel, { description: 'DRAFT → CIRCULATED: the member states present may sign off.' })
  async circulateMeetingMinutes(@Args('input') input: CirculateMeetingMinutesInput, @Context() ctx: RequestContext) {
    return minutesModel(await this.minutesService.circulate(ctx.actor, input), ctx);
  }

  @Mutation(() => MeetingMinutesModel, {
    description:
      'CIRCULATED → APPROVED by the organisers when the voices given meet the quorum of the member states present but no voice approved them (the states present changed since: attendance corrected). Refused (CONFLICT) naming the approvals still needed, and for minutes already approved by the quorum’s voice.',
  })
  async approveMinutes(@Args('input') input: ApproveMeetingMinutesInput, @Context() ctx: RequestContext) {
    return minutesModel(await this.minutesService.approve(ctx.actor, input), ctx);
  }

  @Mutation(() => MeetingMinutesModel, {
    description:
      'My member state’s voice on circulated minutes (its focal point, or the alternate holding a delegated invitation, recorded present). One voice per state; APPROVED when the approvals reach the quorum.',
  })
  async signOffMinutes(@Args('input') input: SignOffMinutesInput, @Context() ctx: RequestContext) {
    return minutesModel(await this.minutesService.signOff(ctx.actor, input), ctx);
  }

  @Mutation(() => MeetingModel, {
    description:
      'Hands my invitation (as focal point) to the current alternate of my member state, who is told and holds it from then on.',
  })
  async delegateMeetingInvitation(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Context() ctx: RequestContext,
  ) {
    return toMeetingModel(await this.attendance.delegate(ctx.actor, { meetingId }), ctx.translator);
  }

  @Mutation(() => MeetingModel, { description: 'Records who attended a HELD or CLOSED meeting (organisers).' })
  async recordAttendance(@Args('input') input: RecordAttendanceInput, @Context() ctx: RequestContext) {
    return toMeetingModel(await this.attendance.record(ctx.actor, input), ctx.translator);
  }
}

@Resolver(() => MeetingMinutesModel)
export class MinutesRevisionsResolver {
  constructor(private readonly minutes: MinutesService) {}

  @ResolveField(() => [MinutesRevisionModel], { description: 'Every saved revision, newest first.' })
  async revisions(@Parent() minutes: MeetingMinutesModel, @Context() ctx: RequestContext) {
    const rows = await this.minutes.revisions(ctx.loaders, minutes.row);
    return rows.map((r) => toMinutesRevisionModel(r, ctx.translator));
  }
}
