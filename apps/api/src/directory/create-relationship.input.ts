import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Visibility, VISIBILITIES } from '@enlace/core';
import {
  RELATIONSHIP_NOTE_MAX,
  RELATIONSHIP_SOURCE_MAX,
  RELATIONSHIP_TYPES,
  RelationshipType,
} from '@enlace/directory';

/** Past the service's own limits (answered with the limit, in the caller's language), the input is refused outright. */
const TEXT_CEILING = 20_000;
import { VisibilityEnum } from '../graphql/models/enums';
import { RelationshipTypeEnum } from './directory.enums';

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

  @Field(() => String, {
    nullable: true,
    description: `What the secretariat knows of it (at most ${RELATIONSHIP_NOTE_MAX} characters).`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_CEILING)
  note?: string;

  @Field(() => String, {
    nullable: true,
    description: `Where the secretariat learnt it (at most ${RELATIONSHIP_SOURCE_MAX} characters).`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_CEILING)
  source?: string;
}
