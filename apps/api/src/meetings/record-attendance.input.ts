import { Type } from 'class-transformer';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_INVITEES_PER_CALL } from '@enlace/meetings';
import { AttendanceEntryInput } from './attendance-entry.input';

@InputType({ description: 'Who attended a held meeting (organisers; invitees only).' })
export class RecordAttendanceInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => [AttendanceEntryInput])
  @ArrayMaxSize(MAX_INVITEES_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryInput)
  entries!: AttendanceEntryInput[];
}
