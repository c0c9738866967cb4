import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Translator } from '@enlace/core';
import type { Profile } from '@enlace/identity';

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

export function toMeModel(profile: Profile, _t: Translator): MeModel {
  return { id: profile.personId, name: profile.name, isAdmin: profile.isAdmin, profile };
}
