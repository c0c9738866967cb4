import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language, LANGUAGES, MAX_EMAIL_LENGTH, NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { LanguageEnum, NetworkRoleEnum } from '../graphql/models/enums';

@InputType()
export class InviteToNetworkInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsEmail()
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;

  @Field(() => NetworkRoleEnum)
  @IsIn([...NETWORK_ROLES])
  role!: NetworkRole;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code (e.g. "PE"); required for FOCAL_POINT and ALTERNATE_FOCAL_POINT.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string | null;

  @Field(() => LanguageEnum, {
    nullable: true,
    description: 'Language of the invitation email (default: the network’s default language).',
  })
  @IsOptional()
  @IsIn([...LANGUAGES])
  language?: Language | null;
}
