import { ArgsType, Field, ID, IntersectionType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, Language, NETWORK_ROLES, NetworkRole } from '@enlace/core';
import { HANDOVER_ROLES, HandoverRole, ORGANISATION_TYPES, OrganisationType, REGIONS, Region } from '@enlace/directory';
import { PageArgs } from '../graphql/models/connection.model';
import { LanguageEnum, NetworkRoleEnum } from '../graphql/models/enums';
import { HandoverRoleEnum, OrganisationTypeEnum, RegionEnum } from './directory.enums';

@ArgsType()
export class CountriesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words of the name in any of the four languages, or the code.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => RegionEnum, { nullable: true })
  @IsOptional()
  @IsIn([...REGIONS])
  region?: Region;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => OrganisationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ORGANISATION_TYPES])
  type?: OrganisationType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentId?: string;
}

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
}

@ArgsType()
export class PeopleArgs extends IntersectionType(PageArgs, DirectoryFilterArgs, ArgsType) {}

@ArgsType()
export class SeatArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the member state.' })
  @IsString()
  @MaxLength(2)
  memberState!: string;

  @Field(() => HandoverRoleEnum, { nullable: true, description: 'FOCAL_POINT when left out.' })
  @IsOptional()
  @IsIn([...HANDOVER_ROLES])
  role?: HandoverRole;
}

@ArgsType()
export class FocalPointArgs extends SeatArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: who held the seat that day (today when left out).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  on?: string;
}

@ArgsType()
export class NetworkPageArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;
}

@ArgsType()
export class MemberStatesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only countries that are members today.' })
  @IsOptional()
  @IsBoolean()
  currentOnly?: boolean;
}
