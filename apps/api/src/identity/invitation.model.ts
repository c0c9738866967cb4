import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { Language, NetworkRole, Translator } from '@enlace/core';
import type { Invitation } from '@enlace/identity';
import { LanguageEnum, NetworkRoleEnum } from '../graphql/models/enums';

@ObjectType('Invitation', { description: 'An invitation to join a network. Its token only ever travels by email.' })
export class InvitationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field()
  email!: string;

  @Field(() => NetworkRoleEnum)
  role!: NetworkRole;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the member state.' })
  memberState!: string | null;

  @Field(() => LanguageEnum, { description: 'Language of the invitation email.' })
  language!: Language;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;
}

export function toInvitationModel(invitation: Invitation, _t: Translator): InvitationModel {
  return {
    id: invitation.id,
    networkId: invitation.networkId,
    email: invitation.email,
    role: invitation.role,
    memberState: invitation.memberState,
    language: invitation.language,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
  };
}
