import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { InviteeRow, RsvpResponse } from '@enlace/meetings';
import { RsvpResponseEnum } from './meetings.enums';

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
}

export function toMeetingInviteeModel(row: InviteeRow, t: Translator): MeetingInviteeModel {
  return {
    personId: row.personId,
    name: row.erased ? t.t('directory:erasedName') : row.name,
    response: row.response,
    respondedAt: row.respondedAt,
    viaRole: row.viaRole,
    invitedAt: row.invitedAt,
  };
}
