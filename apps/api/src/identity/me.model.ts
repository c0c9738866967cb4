import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { NetworkRole } from '@enlace/core';
import type { Profile } from '@enlace/identity';
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

@ObjectType('Me', { description: 'The signed-in person.' })
export class MeModel {
  @Field(() => ID, { description: 'The person’s id.' })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Platform administrator.' })
  isAdmin!: boolean;

  // email, preferredLanguage and memberships are resolved by MeResolver from the profile, loaded
  // once per request and only when asked for.

  /** The full record when the caller already has it (sign-in, updateMe); not a GraphQL field. */
  profile?: Profile;
}

export function toMyMemberships(profile: Profile): MyMembershipModel[] {
  return profile.memberships.map((m) => ({
    id: m.id,
    networkId: m.networkId,
    role: m.role,
    memberState: m.memberState,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
  }));
}

export function toMeModel(profile: Profile): MeModel {
  return { id: profile.personId, name: profile.name, isAdmin: profile.isAdmin, profile };
}
