import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, Language, NETWORK_ROLES, NetworkRole, Visibility, VISIBILITIES } from '@enlace/core';
import {
  CONTACT_KINDS,
  ContactKind,
  HANDOVER_ROLES,
  HandoverRole,
  ORGANISATION_TYPES,
  OrganisationType,
  RELATIONSHIP_TYPES,
  RelationshipType,
} from '@enlace/directory';
import { LanguageEnum, NetworkRoleEnum, VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translated-text.model';
import { ContactKindEnum, HandoverRoleEnum, OrganisationTypeEnum, RelationshipTypeEnum } from './directory.enums';

@InputType()
export class CreateOrganisationInput {
  @Field(() => OrganisationTypeEnum)
  @IsIn([...ORGANISATION_TYPES])
  type!: OrganisationType;

  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  name!: TranslationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  acronym?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation this one belongs to (a ministry’s department).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentId?: string;
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are.' })
export class UpdateOrganisationInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => OrganisationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn([...ORGANISATION_TYPES])
  type?: OrganisationType;

  @Field(() => [TranslationInput], { nullable: true, description: 'Languages to set; others stay.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  name?: TranslationInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  acronym?: string;

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

@InputType()
export class ContactDetailInput {
  @Field(() => ContactKindEnum)
  @IsIn([...CONTACT_KINDS])
  kind!: ContactKind;

  @Field()
  @IsString()
  @MaxLength(254)
  value!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "office", "mobile".' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  label?: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'NETWORK when left out.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}

@InputType({ isAbstract: true })
class PersonFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  honorific?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  languages?: Language[];

  @Field(() => LanguageEnum, { nullable: true })
  @IsOptional()
  @IsIn([...LANGUAGES])
  preferredLanguage?: Language;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalRef?: string;

  @Field(() => [ContactDetailInput], { nullable: true, description: 'Replaces every contact detail when given.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDetailInput)
  contacts?: ContactDetailInput[];
}

@InputType()
export class CreatePersonInput extends PersonFieldsInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => ID, { description: 'The network whose directory receives the person.' })
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => NetworkRoleEnum)
  @IsIn([...NETWORK_ROLES])
  role!: NetworkRole;

  @Field(() => String, { nullable: true, description: 'Required for focal points and alternates.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  memberState?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  membershipVisibility?: Visibility;
}

@InputType({ description: 'Changes to a person; fields left out stay as they are.' })
export class UpdatePersonInput extends PersonFieldsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

@InputType()
export class MemberStateInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsString()
  @MaxLength(2)
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  joinedOn?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day the country left the network.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  leftOn?: string;
}

@InputType()
export class DesignateFocalPointInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field()
  @IsString()
  @MaxLength(2)
  memberState!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  personId!: string;

  @Field(() => HandoverRoleEnum, { nullable: true, description: 'FOCAL_POINT when left out.' })
  @IsOptional()
  @IsIn([...HANDOVER_ROLES])
  role?: HandoverRole;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, today when left out: the new term starts and the predecessor’s ends that day.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true, description: 'The predecessor’s (or NETWORK) when left out.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}

@InputType()
export class CreateRelationshipInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => RelationshipTypeEnum)
  @IsIn([...RELATIONSHIP_TYPES])
  type!: RelationshipType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  fromPersonId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  fromOrganisationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  toPersonId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  toOrganisationId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startsOn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  endsOn?: string;

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}

@InputType()
export class ImportDirectoryInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field({ description: 'The CSV file’s text (UTF-8). Larger files: POST /directory/imports.' })
  @IsString()
  @MaxLength(200_000)
  csv!: string;

  @Field(() => Boolean, { nullable: true, description: 'Only report what would happen (default true).' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
