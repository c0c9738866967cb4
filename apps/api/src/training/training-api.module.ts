import { Module } from '@nestjs/common';
import { TrainingModule } from '@enlace/training';
import { TrainingResolver } from './training.resolver';

/** Training's doors: curricula, trainings and enrolment over GraphQL. */
@Module({
  imports: [TrainingModule],
  providers: [TrainingResolver],
})
export class TrainingApiModule {}
