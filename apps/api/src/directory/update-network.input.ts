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
import { Language, LANGUAGES, Visibility, VISIBILITIES } from '@enlace/core';
import { NETWORK_KINDS, NetworkKind } from '@enlace/directory';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { NetworkKindEnum } from './networks.enums';

@InputType({ description: 'Changes to a network; fields left out stay as they are.' })
export class UpdateNetworkInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  id!: string;

  @Field(() => Int, { description: 'The `version` you edited; CONFLICT when the network changed since.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => [TranslationInput], {
    nullable: true,
    description: 'Languages of the name to add or replace. A translation without a status keeps its stored status.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  name?: TranslationInput[];

  @Field(() => [LanguageEnum], { nullable: true, description: 'Languages of the name to remove (one must remain).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  removeNameLanguages?: Language[];

  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  description?: TranslationInput[];

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  removeDescriptionLanguages?: Language[];

  @Field(() => NetworkKindEnum, { nullable: true })
  @IsOptional()
  @IsIn([...NETWORK_KINDS])
  kind?: NetworkKind;

  @Field(() => LanguageEnum, { nullable: true })
  @IsOptional()
  @IsIn([...LANGUAGES])
  defaultLanguage?: Language;

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  workingLanguages?: Language[];

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;
}
