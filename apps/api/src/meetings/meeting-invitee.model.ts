import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { Attendance, InviteeRow, RsvpResponse } from '@enlace/meetings';
import { RsvpResponseEnum } from './meetings.enums';
import { AttendanceEnum } from './minutes.enums';

@ObjectType('MeetingInvitee', { description: 'A person invited to a meeting, with their answer.' })
export class MeetingInviteeModel {
  @Field(() => ID)
  personId!: string;

  @Field()
  name!: string;

  @Field(() => RsvpResponseEnum)
  response!: RsvpResponse;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The role through which they were invited, if a whole role was.',
  })
  viaRole!: string | null;

  @Field(() => Date)
  invitedAt!: Date;

  @Field(() => AttendanceEnum, { nullable: true, description: 'Recorded by the organisers once the meeting is held.' })
  attendance!: Attendance | null;

  @Field(() => ID, { nullable: true, description: 'The focal point who handed this invitation over.' })
  delegatedFromPersonId!: string | null;

  @Field(() => String, { nullable: true, description: 'The member state a delegated invitation is held for.' })
  delegatedState!: string | null;
}

export function toMeetingInviteeModel(row: InviteeRow, t: Translator): MeetingInviteeModel {
  return {
    personId: row.personId,
    name: row.erased ? t.t('directory:erasedName') : row.name,
    response: row.response,
    respondedAt: row.respondedAt,
    viaRole: row.viaRole,
    invitedAt: row.invitedAt,
    attendance: row.attendance,
    delegatedFromPersonId: row.delegatedFrom,
    delegatedState: row.delegatedState,
  };
}
