import { registerEnumType } from '@nestjs/graphql';
import { ATTENDANCES, MINUTES_STATUSES, SIGN_OFF_DECISIONS } from '@enlace/meetings';
import { enumOf } from '../graphql/models/enums';

export const MinutesStatusEnum = enumOf(MINUTES_STATUSES);
registerEnumType(MinutesStatusEnum, {
  name: 'MinutesStatus',
  description: 'DRAFT → CIRCULATED → APPROVED (when the approvals reach the quorum); approved minutes are final.',
});

export const SignOffDecisionEnum = enumOf(SIGN_OFF_DECISIONS);
registerEnumType(SignOffDecisionEnum, { name: 'SignOffDecision' });

export const AttendanceEnum = enumOf(ATTENDANCES);
registerEnumType(AttendanceEnum, { name: 'Attendance' });
