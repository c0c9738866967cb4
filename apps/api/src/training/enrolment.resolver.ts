import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AttendanceService } from '@enlace/training';
import type { RequestContext } from '../graphql/request-context';
import { EnrolmentModel } from './training.model';
import { toTrainingAttendanceModel, TrainingAttendanceModel } from './training-session.model';

@Resolver(() => EnrolmentModel)
export class EnrolmentResolver {
  constructor(private readonly attendanceService: AttendanceService) {}

  @ResolveField(() => [TrainingAttendanceModel], { description: 'Their attendance, session by session.' })
  async attendance(@Parent() enrolment: EnrolmentModel, @Context() ctx: RequestContext) {
    return (await this.attendanceService.forEnrolment(ctx.loaders, enrolment)).map(toTrainingAttendanceModel);
  }
}
