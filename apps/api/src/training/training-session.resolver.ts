import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AttendanceService, SessionService } from '@enlace/training';
import type { RequestContext } from '../graphql/request-context';
import { AddTrainingSessionInput } from './add-training-session.input';
import { RecordTrainingAttendanceInput } from './record-training-attendance.input';
import { toTrainingModel, TrainingModel } from './training.model';
import {
  toTrainingAttendanceModel,
  toTrainingSessionModel,
  TrainingAttendanceModel,
  TrainingSessionModel,
} from './training-session.model';
import { TrainingSessionStepInput } from './training-session-step.input';
import { UpdateTrainingSessionInput } from './update-training-session.input';

@Resolver(() => TrainingSessionModel)
export class TrainingSessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly attendanceService: AttendanceService,
  ) {}

  @ResolveField(() => [TrainingAttendanceModel], {
    description: 'Attendance I may read: all for those who run it, my state’s for a focal point, my own otherwise.',
  })
  async attendance(@Parent() session: TrainingSessionModel, @Context() ctx: RequestContext) {
    const rows = await this.attendanceService.forSession(ctx.actor, ctx.loaders, session.training, session.session);
    return rows.map(toTrainingAttendanceModel);
  }

  @Mutation(() => TrainingSessionModel, {
    description: 'A new session within the training’s dates (its secretariat or assigned trainers).',
  })
  async addTrainingSession(@Args('input') input: AddTrainingSessionInput, @Context() ctx: RequestContext) {
    const { training, session } = await this.sessions.add(ctx.actor, input);
    return toTrainingSessionModel(session, training);
  }

  @Mutation(() => TrainingSessionModel, { description: 'Changes a session’s times, modules, place or trainers.' })
  async updateTrainingSession(@Args('input') input: UpdateTrainingSessionInput, @Context() ctx: RequestContext) {
    const { training, session } = await this.sessions.update(ctx.actor, input);
    return toTrainingSessionModel(session, training);
  }

  @Mutation(() => TrainingModel, { description: 'Removes a session with no attendance recorded; the training.' })
  async removeTrainingSession(@Args('input') input: TrainingSessionStepInput, @Context() ctx: RequestContext) {
    return toTrainingModel(await this.sessions.remove(ctx.actor, input), ctx.translator);
  }

  @Mutation(() => TrainingSessionModel, {
    description:
      'Records PRESENT, ABSENT or EXCUSED at a session for enrolled people, all or nothing; a first presence marks the enrolment ATTENDED.',
  })
  async recordTrainingAttendance(@Args('input') input: RecordTrainingAttendanceInput, @Context() ctx: RequestContext) {
    const { training, session } = await this.attendanceService.record(ctx.actor, input);
    return toTrainingSessionModel(session, training);
  }
}
