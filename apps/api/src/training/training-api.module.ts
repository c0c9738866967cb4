import { Module } from '@nestjs/common';
import { TrainingModule } from '@enlace/training';
import { EnrolmentResolver } from './enrolment.resolver';
import { TrainingResolver } from './training.resolver';
import { TrainingSessionResolver } from './training-session.resolver';

/** Training's doors: curricula, trainings and enrolment over GraphQL. */
@Module({
  imports: [TrainingModule],
  providers: [TrainingResolver, TrainingSessionResolver, EnrolmentResolver],
})
export class TrainingApiModule {}
