import { Module } from '@nestjs/common';
import { IdentityModule } from '@enlace/identity';
import { TrainingModule } from '@enlace/training';
import { AuthModule } from '../auth/auth.module';
import { CertificateResolver, EnrolmentCertificateResolver } from './certificate.resolver';
import { CertificatesController } from './certificates.controller';
import { EnrolmentResolver } from './enrolment.resolver';
import { TrainingReportController } from './training-report.controller';
import { TrainingReportResolver } from './training-report.resolver';
import { TrainingResolver } from './training.resolver';
import { TrainingSessionResolver } from './training-session.resolver';

/**
 * Training's doors: curricula, trainings and enrolment over GraphQL; certificates over GraphQL and
 * HTTP; the alumni report and its CSV.
 */
@Module({
  imports: [TrainingModule, IdentityModule, AuthModule],
  controllers: [CertificatesController, TrainingReportController],
  providers: [
    TrainingResolver,
    TrainingSessionResolver,
    EnrolmentResolver,
    CertificateResolver,
    EnrolmentCertificateResolver,
    TrainingReportResolver,
  ],
})
export class TrainingApiModule {}
