import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RELATIONSHIP_TYPES, RelationshipType } from '@enlace/directory';
import { PageArgs } from '../graphql/models/page.args';
import { RelationshipTypeEnum } from './directory.enums';

@ArgsType()
export class RelationshipsArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => [RelationshipTypeEnum], { nullable: true, description: 'Any of these types.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RELATIONSHIP_TYPES.length)
  @IsIn([...RELATIONSHIP_TYPES], { each: true })
  types?: RelationshipType[];

  @Field(() => ID, { nullable: true, description: 'This person at either end.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string;

  @Field(() => ID, { nullable: true, description: 'This organisation at either end.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  organisationId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2: a person or organisation of this country at either end.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: relationships that run on or after this day (with `to`: at some time in [from, to)).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: relationships that started before this day.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}
