import { Module } from '@nestjs/common';
import { TrainingModule } from '@enlace/training';
import { AuthModule } from '../auth/auth.module';
import { EnrolmentResolver } from './enrolment.resolver';
import { TrainingReportController } from './training-report.controller';
import { TrainingReportResolver } from './training-report.resolver';
import { TrainingResolver } from './training.resolver';
import { TrainingSessionResolver } from './training-session.resolver';

/** Training's doors: curricula, trainings and enrolment over GraphQL; the alumni report and its CSV. */
@Module({
  imports: [TrainingModule, AuthModule],
  controllers: [TrainingReportController],
  providers: [TrainingResolver, TrainingSessionResolver, EnrolmentResolver, TrainingReportResolver],
})
export class TrainingApiModule {}
