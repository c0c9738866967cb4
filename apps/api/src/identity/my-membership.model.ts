import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { NetworkRole, Translator } from '@enlace/core';
import type { ProfileMembership } from '@enlace/identity';
import { NetworkRoleEnum } from '../graphql/models/enums';

@ObjectType('MyMembership', { description: 'One of the signed-in person’s current or upcoming membership terms.' })
export class MyMembershipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => NetworkRoleEnum)
  role!: NetworkRole;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of the member state (focal points and alternates).',
  })
  memberState!: string | null;

  @Field({ description: 'First day of the term (ISO 8601 date).' })
  startsOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'First day the term no longer applies (ISO 8601 date, exclusive end); null while open.',
  })
  endsOn!: string | null;
}

export function toMyMembershipModel(m: ProfileMembership, _t: Translator): MyMembershipModel {
  return {
    id: m.id,
    networkId: m.networkId,
    role: m.role,
    memberState: m.memberState,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
  };
}
