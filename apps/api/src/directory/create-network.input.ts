import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Language, LANGUAGES, Visibility, VISIBILITIES } from '@enlace/core';
import { NETWORK_KINDS, NetworkKind } from '@enlace/directory';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { NetworkKindEnum } from './networks.enums';

@InputType()
export class CreateNetworkInput {
  @Field({ description: 'Lowercase letters and digits in words joined by hyphens, at most 64 characters.' })
  @IsString()
  @MaxLength(64)
  slug!: string;

  @Field(() => [TranslationInput], { description: 'The name in one or more languages; the first is the original.' })
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  name!: TranslationInput[];

  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  description?: TranslationInput[];

  @Field(() => NetworkKindEnum)
  @IsIn([...NETWORK_KINDS])
  kind!: NetworkKind;

  @Field(() => LanguageEnum)
  @IsIn([...LANGUAGES])
  defaultLanguage!: Language;

  @Field(() => [LanguageEnum], { description: 'Must include the default language.' })
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  workingLanguages!: Language[];

  @Field(() => VisibilityEnum)
  @IsIn([...VISIBILITIES])
  visibility!: Visibility;
}
