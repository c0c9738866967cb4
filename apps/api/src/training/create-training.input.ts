import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Language, LANGUAGES, Visibility, VISIBILITIES } from '@enlace/core';
import { COMPLETION_RULES, CompletionRule, TRAINING_FORMATS, TrainingFormat } from '@enlace/training';
import { LanguageEnum, VisibilityEnum } from '../graphql/models/enums';
import { TranslationInput } from '../graphql/models/translation.input';
import { CompletionRuleEnum, TrainingFormatEnum } from './training.enums';
import { TrainingQuotaInput } from './training-quota.input';

@InputType({ description: 'A new training (DRAFT) delivering a published curriculum version.' })
export class CreateTrainingInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  networkId!: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(64)
  curriculumVersionId!: string;

  @Field(() => [TranslationInput], { nullable: true, description: 'Defaults to the curriculum version’s title.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => TranslationInput)
  title?: TranslationInput[];

  @Field(() => TrainingFormatEnum)
  @IsIn([...TRAINING_FORMATS])
  format!: TrainingFormat;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  places?: string[];

  @Field({ description: 'Local start in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  start!: string;

  @Field({ description: 'Local end in `timeZone`, "YYYY-MM-DDTHH:mm".' })
  @IsString()
  @MaxLength(25)
  end!: string;

  @Field()
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @Field(() => [LanguageEnum], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LANGUAGES.length)
  @IsIn([...LANGUAGES], { each: true })
  languages?: Language[];

  @Field(() => Int)
  @IsInt()
  capacity!: number;

  @Field(() => [TrainingQuotaInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => TrainingQuotaInput)
  quotas?: TrainingQuotaInput[];

  @Field(() => String, { nullable: true, description: 'Last day for nominations, YYYY-MM-DD.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  enrolmentDeadline?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  trainerIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  partnerOrganisationIds?: string[];

  @Field(() => VisibilityEnum, { nullable: true, description: 'Defaults to NETWORK.' })
  @IsOptional()
  @IsIn([...VISIBILITIES])
  visibility?: Visibility;

  @Field(() => CompletionRuleEnum, { nullable: true, description: 'Defaults to ALL_REQUIRED_MODULES.' })
  @IsOptional()
  @IsIn([...COMPLETION_RULES])
  completionRule?: CompletionRule;

  @Field(() => Float, {
    nullable: true,
    description: 'MIN_SHARE_OF_SESSIONS: the share of sessions to attend, (0, 1].',
  })
  @IsOptional()
  @IsNumber()
  minSessionShare?: number;
}
