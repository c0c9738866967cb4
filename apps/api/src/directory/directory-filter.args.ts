import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, Language, NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { ORGANISATION_TYPES, OrganisationType } from '@enlace/directory';
import { LanguageEnum, NetworkRoleEnum } from '../graphql/models/enums';
import { OrganisationTypeEnum } from './directory.enums';

/** The filters of a directory search (people; organisations and countries take what applies to them). */
@ArgsType()
export class DirectoryFilterArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Accent- and case-insensitive words: names, organisations, countries in any of the four languages.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => ID, { nullable: true, description: 'Only people with a membership in this network.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  networkId?: string;

  @Field(() => String, { nullable: true, description: 'Only people representing this member state (ISO code).' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => NetworkRoleEnum, { nullable: true })
  @IsOptional()
  @IsIn([...NETWORK_ROLES])
  role?: NetworkRole;

  @Field(() => OrganisationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ORGANISATION_TYPES])
  organisationType?: OrganisationType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;

  @Field(() => String, { nullable: true, description: 'The person’s own country (ISO code).' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => LanguageEnum, { nullable: true, description: 'Only people who speak this language.' })
  @IsOptional()
  @IsIn([...LANGUAGES])
  language?: Language;

  @Field(() => Boolean, { nullable: true, description: 'Only people whose matching membership is current today.' })
  @IsOptional()
  @IsBoolean()
  activeOnly?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'People only: a custom field of `networkId`’s directory (with `fieldValue`).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  fieldKey?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The value of `fieldKey` to find: exact for a number, date or choice (key or label), words within a text.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fieldValue?: string;
}
