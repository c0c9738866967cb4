import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@enlace/training';
import { TrainingAttendanceStatusEnum } from './training.enums';

@InputType({ description: 'Whether one enrolled person attended a session.' })
export class TrainingAttendanceEntryInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => TrainingAttendanceStatusEnum)
  @IsIn([...ATTENDANCE_STATUSES])
  status!: AttendanceStatus;
}
