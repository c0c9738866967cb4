import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Language, LANGUAGES } from '@enlace/core';
import { MAX_NAME_LENGTH } from '@enlace/identity';
import { LanguageEnum } from '../graphql/models/enums';

@InputType()
export class UpdateMeInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  name?: string | null;

  @Field(() => LanguageEnum, { nullable: true })
  @IsOptional()
  @IsIn([...LANGUAGES])
  preferredLanguage?: Language | null;
}
