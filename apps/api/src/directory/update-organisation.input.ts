import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { ORGANISATION_TYPES, OrganisationType } from '@enlace/directory';
import { TranslationInput } from '../graphql/models/translation.input';
import { OrganisationTypeEnum } from './directory.enums';

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
