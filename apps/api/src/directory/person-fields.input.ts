import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, Language } from '@enlace/core';
import { LanguageEnum } from '../graphql/models/enums';
import { ContactDetailInput } from './contact-detail.input';

/** The fields a person is created and edited with (no GraphQL type of its own). */
@InputType({ isAbstract: true })
export class PersonFieldsInput {
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

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone (America/Lima, Africa/Kigali); null goes back to the main zone of their country.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;

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
