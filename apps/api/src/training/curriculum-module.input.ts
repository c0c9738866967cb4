import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';

@InputType({ description: 'One module of a curriculum draft.' })
export class CurriculumModuleInput {
  @Field(() => [TranslationInput])
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title!: TranslationInput[];

  @Field(() => [TranslationInput], { nullable: true, description: 'Learning objectives.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  objectives?: TranslationInput[];

  @Field(() => Int)
  @IsInt()
  durationMinutes!: number;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @Field(() => [String], { nullable: true, description: 'Links (https://…) to the materials.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  materials?: string[];
}
