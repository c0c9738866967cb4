import { registerEnumType } from '@nestjs/graphql';
import {
  ATTENDANCE_STATUSES,
  COMPLETION_REASONS,
  COMPLETION_RULES,
  CURRICULUM_STATUSES,
  ENROLMENT_STATUSES,
  TRAINING_FORMATS,
  TRAINING_STATUSES,
} from '@enlace/training';
import { enumOf } from '../graphql/models/enums';

export const CurriculumStatusEnum = enumOf(CURRICULUM_STATUSES);
registerEnumType(CurriculumStatusEnum, {
  name: 'CurriculumStatus',
  description: 'DRAFT → PUBLISHED (immutable) → ARCHIVED.',
});

export const TrainingFormatEnum = enumOf(TRAINING_FORMATS);
registerEnumType(TrainingFormatEnum, { name: 'TrainingFormat' });

export const TrainingStatusEnum = enumOf(TRAINING_STATUSES);
registerEnumType(TrainingStatusEnum, {
  name: 'TrainingStatus',
  description: 'DRAFT → OPEN (nominations) → CLOSED → RUNNING → COMPLETED, or CANCELLED before it runs.',
});

export const EnrolmentStatusEnum = enumOf(ENROLMENT_STATUSES);
registerEnumType(EnrolmentStatusEnum, { name: 'EnrolmentStatus' });

export const TrainingAttendanceStatusEnum = enumOf(ATTENDANCE_STATUSES);
registerEnumType(TrainingAttendanceStatusEnum, { name: 'TrainingAttendanceStatus' });

export const CompletionRuleEnum = enumOf(COMPLETION_RULES);
registerEnumType(CompletionRuleEnum, {
  name: 'CompletionRule',
  description:
    'Who completes a training: present at a session of every required module, or at a minimum share of its sessions.',
});

export const CompletionReasonEnum = enumOf(COMPLETION_REASONS);
registerEnumType(CompletionReasonEnum, { name: 'CompletionReason', description: 'Why an enrolment did not complete.' });
