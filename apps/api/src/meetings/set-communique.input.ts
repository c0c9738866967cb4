import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, Visibility, VISIBILITIES } from '@enlace/core';
import { TranslationInput } from '../graphql/models/translation.input';
import { VisibilityEnum } from '../graphql/models/enums';

@InputType({ description: 'A meeting’s communiqué: its text (per language) and visibility (PUBLIC when omitted).' })
export class SetCommuniqueInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  meetingId!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; omitted for the first text.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => [TranslationInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  text?: TranslationInput[];

  @Field(() => VisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility | null;
}
