import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Language, NetworkRole } from '@enlace/core';
import type { Profile } from '@enlace/identity';
import { LanguageEnum, NetworkRoleEnum } from '../graphql/models/enums';

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

  @Field(() => String, { nullable: true, description: 'Last day of the term (ISO 8601 date), null while open.' })
  endsOn!: string | null;
}

@ObjectType('Me', { description: 'The signed-in person.' })
export class MeModel {
  @Field(() => ID, { description: 'The person’s id.' })
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => LanguageEnum, { description: 'Language of the emails and notifications this person receives.' })
  preferredLanguage!: Language;

  @Field({ description: 'Platform administrator.' })
  isAdmin!: boolean;

  @Field(() => [MyMembershipModel], { description: 'Current and upcoming terms (ended ones are left out).' })
  memberships!: MyMembershipModel[];
}

export function toMeModel(profile: Profile): MeModel {
  return {
    id: profile.personId,
    name: profile.name,
    email: profile.email,
    preferredLanguage: profile.preferredLanguage,
    isAdmin: profile.isAdmin,
    memberships: profile.memberships.map((m) => ({
      id: m.id,
      networkId: m.networkId,
      role: m.role,
      memberState: m.memberState,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
    })),
  };
}
