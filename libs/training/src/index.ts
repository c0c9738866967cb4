export * from './training.module';
export * from './training-rules';
export type { CurriculumModuleRow, CurriculumVersionRow } from './curriculum/curriculum.entity';
export * from './curriculum/curriculum.service';
export type { TrainingRow } from './training/training.entity';
export * from './training/training.service';
export type { EnrolmentRow } from './enrolment/enrolment.repository';
export * from './enrolment/enrolment.service';
export * from './personal-data/personal-data.service';
