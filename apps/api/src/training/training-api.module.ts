import { Module } from '@nestjs/common';
import { IdentityModule } from '@enlace/identity';
import { TrainingModule } from '@enlace/training';
import { AuthModule } from '../auth/auth.module';
import { CertificateResolver, EnrolmentCertificateResolver } from './certificate.resolver';
import { CertificatesController } from './certificates.controller';
import { EnrolmentResolver } from './enrolment.resolver';
import { TrainingResolver } from './training.resolver';
import { TrainingSessionResolver } from './training-session.resolver';

/** Training's doors: curricula, trainings and enrolment over GraphQL; certificates over GraphQL and HTTP. */
@Module({
  imports: [TrainingModule, IdentityModule, AuthModule],
  controllers: [CertificatesController],
  providers: [
    TrainingResolver,
    TrainingSessionResolver,
    EnrolmentResolver,
    CertificateResolver,
    EnrolmentCertificateResolver,
  ],
})
export class TrainingApiModule {}
