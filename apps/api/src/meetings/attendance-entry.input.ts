import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Attendance, ATTENDANCES } from '@enlace/meetings';
import { AttendanceEnum } from './minutes.enums';

@InputType({ description: 'Whether one invitee attended.' })
export class AttendanceEntryInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => AttendanceEnum)
  @IsIn([...ATTENDANCES])
  present!: Attendance;
}
