import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Language, LANGUAGES, Visibility, VISIBILITIES } from '@enlace/core';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { MeetingHostInput } from './meeting-host.input';

/** The fields a meeting is created with and edited through (every one optional in an edit). */
@InputType({ isAbstract: true })
export class MeetingFieldsInput {
  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  description?: TranslationInput[];

  @Field(() => String, { nullable: true, description: 'Local start in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  @IsOptional()
  @IsString()
  @MaxLength(25)
  start?: string;

  @Field(() => String, { nullable: true, description: 'Local end in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  @IsOptional()
  @IsString()
  @MaxLength(25)
  end?: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone the meeting is held in (Africa/Kinshasa).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  onlineUrl?: string;

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  languages?: Language[];

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  interpretation?: Language[];

  @Field(() => VisibilityEnum, { nullable: true, description: 'Defaults to NETWORK.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;

  @Field(() => [ID], { nullable: true, description: 'A joint meeting’s partner networks (partners of the owner).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  partnerNetworkIds?: string[];

  @Field(() => [MeetingHostInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => MeetingHostInput)
  hosts?: MeetingHostInput[];
}
