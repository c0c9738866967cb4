import { Type } from 'class-transformer';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_ATTENDANCE_ENTRIES } from '@enlace/training';
import { TrainingAttendanceEntryInput } from './training-attendance-entry.input';

@InputType({
  description: 'Attendance at one session, for enrolled people (trainers, secretariat); corrects earlier entries.',
})
export class RecordTrainingAttendanceInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  sessionId!: string;

  @Field(() => [TrainingAttendanceEntryInput])
  @IsArray()
  @ArrayMaxSize(MAX_ATTENDANCE_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => TrainingAttendanceEntryInput)
  entries!: TrainingAttendanceEntryInput[];
}
