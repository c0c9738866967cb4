import type { DataSource } from 'typeorm';
import { AuditRepository, TransactionRunner } from '@enlace/core';
import { AttendanceRepository } from '../attendance/attendance.repository';
import { CertificateRepository } from '../certificate/certificate.repository';
import { CompletionRepository } from '../completion/completion.repository';
import { CurriculumRepository } from '../curriculum/curriculum.repository';
import { EnrolmentRepository } from '../enrolment/enrolment.repository';
import { SessionRepository } from '../session/session.repository';
import { TrainingRepository } from '../training/training.repository';
import { TrainingDemoRepository } from './training-demo.repository';
import { TrainingDemoSeedService } from './training-demo.service';

/** The training demo seed outside Nest (`npm run seed:demo` opens its own data source). */
export function createTrainingDemoSeed(dataSource: DataSource): TrainingDemoSeedService {
  return new TrainingDemoSeedService(
    new TransactionRunner(dataSource),
    new TrainingDemoRepository(dataSource),
    new CurriculumRepository(dataSource),
    new TrainingRepository(dataSource),
    new EnrolmentRepository(dataSource),
    new SessionRepository(dataSource),
    new AttendanceRepository(dataSource),
    new CompletionRepository(),
    new CertificateRepository(dataSource),
    new AuditRepository(dataSource),
  );
}
