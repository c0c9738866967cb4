import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { ORGANISATION_TYPES, OrganisationType } from '@enlace/directory';
import { TranslationInput } from '../graphql/models/translation.input';
import { OrganisationTypeEnum } from './directory.enums';

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
